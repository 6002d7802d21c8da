/* yaml.c: loading YAML documents through libyaml with file:line:col errors. */
#include "parse.h"

bool parse_yaml_load(const char *file, const char *text, size_t len, unsigned first_line,
                     yaml_document_t *ydoc)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    bool ok = yaml_parser_load(&parser, ydoc) != 0;
    if (!ok) {
        yaml_mark_t m = parser.problem_mark;
        if (parser.error == YAML_MEMORY_ERROR)
            diag_error(file, first_line, 1, "out of memory reading YAML");
        else
            diag_error(file, first_line + (unsigned)m.line, (unsigned)m.column + 1,
                       "invalid YAML: %s%s%s", parser.problem ? parser.problem : "syntax error",
                       parser.context ? " " : "", parser.context ? parser.context : "");
    }
    yaml_parser_delete(&parser);
    return ok;
}

unsigned parse_yaml_line(const yaml_node_t *n, unsigned first_line)
{
    return first_line + (unsigned)n->start_mark.line;
}

unsigned parse_yaml_col(const yaml_node_t *n)
{
    return (unsigned)n->start_mark.column + 1;
}

const char *parse_yaml_type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return "a single value";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a mapping";
    default:
        return "empty";
    }
}
