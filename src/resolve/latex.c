/* latex.c: the LaTeX found in .bib fields, to Unicode text with the markup the
 * CSL processor reads (<i>, <b>, <sc>, <sup>, <sub>, <span class="nocase">).
 *
 * Accents become base letter + combining mark, composed to NFC where a
 * precomposed letter exists (\'e -> é, \c{c} -> ç, \'{\i} -> í). Quotation commands (\mkbibquote,
 * \enquote, ``...'') become straight quotes, double outside and single inside,
 * so the CSL processor can localize them and flip them inside quoted titles.
 * In titles, a brace group at the top level that is not a special character
 * ({\"O}) protects its case: {NASA} -> <span class="nocase">NASA</span>
 * (BibTeX's rule). Unknown commands are dropped and their arguments kept as
 * text. */
#include "bib_tex.h"

#include <string.h>

typedef struct {
    const char *p, *end;
    GString *out;
    latex_mode mode;
    int quote; /* nesting of \mkbibquote and friends */
    bool math;
} lx;

static void run(lx *x, bool protect, unsigned depth);
static void command(lx *x, bool protect, unsigned depth, const char **switches, int *n_switches);

/* Accents: command -> combining mark, and the spacing mark for an empty argument. */
static const struct {
    const char *cmd, *combining, *spacing;
} accents[] = {
    {"'", "\xCC\x81", "\xC2\xB4"},  {"`", "\xCC\x80", "`"},      {"^", "\xCC\x82", "^"},
    {"\"", "\xCC\x88", "\xC2\xA8"}, {"~", "\xCC\x83", "~"},      {"=", "\xCC\x84", "\xC2\xAF"},
    {".", "\xCC\x87", "\xCB\x99"},  {"u", "\xCC\x86", "\xCB\x98"}, {"v", "\xCC\x8C", "\xCB\x87"},
    {"H", "\xCC\x8B", "\xCB\x9D"},  {"c", "\xCC\xA7", "\xC2\xB8"}, {"k", "\xCC\xA8", "\xCB\x9B"},
    {"r", "\xCC\x8A", "\xCB\x9A"},  {"d", "\xCC\xA3", "."},      {"b", "\xCC\xB1", "_"},
    {"t", "\xCD\xA1", ""},
};

typedef struct {
    const char *cmd, *text;
} latex_symbol;

/* Letters: BibTeX counts {\ae} and the like as "special characters". */
static const latex_symbol letters[] = {
    {"ae", "æ"}, {"AE", "Æ"}, {"oe", "œ"}, {"OE", "Œ"}, {"aa", "å"}, {"AA", "Å"}, {"o", "ø"},
    {"O", "Ø"}, {"l", "ł"}, {"L", "Ł"}, {"ss", "ß"}, {"SS", "SS"}, {"i", "ı"}, {"j", "ȷ"},
    {"dh", "ð"}, {"DH", "Ð"}, {"th", "þ"}, {"TH", "Þ"}, {"dj", "đ"}, {"DJ", "Đ"}, {"ng", "ŋ"},
    {"NG", "Ŋ"},
};

/* Other commands that stand for text. */
static const latex_symbol symbols[] = {
    /* escaped characters and spaces */
    {"&", "&"}, {"%", "%"}, {"$", "$"}, {"#", "#"}, {"_", "_"}, {"{", "{"}, {"}", "}"},
    {" ", " "}, {"\\", " "}, {",", "\u202F"}, {";", "\u2005"}, {":", "\u2005"}, {"!", ""},
    {"-", ""}, {"/", ""}, {"@", ""}, {"textbackslash", "\\"}, {"nobreakspace", "\u00A0"},
    {"space", " "}, {"enspace", "\u2002"}, {"enskip", "\u2002"}, {"quad", "\u2003"},
    {"qquad", "\u2003\u2003"}, {"thinspace", "\u2009"}, {"nobreak", ""}, {"relax", ""},
    {"protect", ""}, {"ignorespaces", ""}, {"unskip", ""}, {"hspace", ""}, {"newblock", " "},
    {"par", " "}, {"newline", " "}, {"linebreak", " "}, {"allowbreak", ""},
    /* punctuation and signs */
    {"S", "§"}, {"P", "¶"}, {"textsection", "§"}, {"textparagraph", "¶"}, {"dag", "†"},
    {"ddag", "‡"}, {"textdagger", "†"}, {"textdaggerdbl", "‡"}, {"copyright", "©"},
    {"textcopyright", "©"}, {"textregistered", "®"}, {"texttrademark", "™"}, {"pounds", "£"},
    {"textsterling", "£"}, {"euro", "€"}, {"texteuro", "€"}, {"textdollar", "$"},
    {"textyen", "¥"}, {"textcent", "¢"}, {"textendash", "–"}, {"textemdash", "—"},
    {"textquoteleft", "‘"}, {"textquoteright", "’"}, {"textquotedblleft", "“"},
    {"textquotedblright", "”"}, {"quotedblbase", "„"}, {"quotesinglbase", "‚"},
    {"textquotedbl", "\""}, {"guillemotleft", "«"}, {"guillemotright", "»"},
    {"guillemetleft", "«"}, {"guillemetright", "»"}, {"guilsinglleft", "‹"},
    {"guilsinglright", "›"}, {"og", "«"}, {"fg", "»"}, {"ldots", "…"}, {"dots", "…"},
    {"textellipsis", "…"}, {"slash", "/"}, {"hyphen", "-"}, {"texthyphen", "-"},
    {"textasciitilde", "~"}, {"textasciicircum", "^"}, {"textbar", "|"}, {"textless", "<"},
    {"textgreater", ">"}, {"textunderscore", "_"}, {"textbullet", "•"}, {"textdegree", "°"},
    {"textperiodcentered", "·"}, {"textexclamdown", "¡"}, {"textquestiondown", "¿"},
    {"textvisiblespace", "␣"}, {"textordfeminine", "ª"}, {"textordmasculine", "º"},
    {"textnumero", "№"}, {"textmu", "µ"}, {"textonehalf", "½"}, {"textonequarter", "¼"},
    {"textthreequarters", "¾"}, {"textminus", "−"}, {"textpm", "±"}, {"texttimes", "×"},
    {"TeX", "TeX"}, {"LaTeX", "LaTeX"}, {"LaTeXe", "LaTeX2ε"}, {"BibTeX", "BibTeX"},
    {"XeTeX", "XeTeX"}, {"LuaTeX", "LuaTeX"}, {"biber", "Biber"},
    /* math */
    {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ϵ"},
    {"varepsilon", "ε"}, {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"vartheta", "ϑ"},
    {"iota", "ι"}, {"kappa", "κ"}, {"lambda", "λ"}, {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"},
    {"pi", "π"}, {"varpi", "ϖ"}, {"rho", "ρ"}, {"varrho", "ϱ"}, {"sigma", "σ"},
    {"varsigma", "ς"}, {"tau", "τ"}, {"upsilon", "υ"}, {"phi", "ϕ"}, {"varphi", "φ"},
    {"chi", "χ"}, {"psi", "ψ"}, {"omega", "ω"}, {"Gamma", "Γ"}, {"Delta", "Δ"},
    {"Theta", "Θ"}, {"Lambda", "Λ"}, {"Xi", "Ξ"}, {"Pi", "Π"}, {"Sigma", "Σ"},
    {"Upsilon", "Υ"}, {"Phi", "Φ"}, {"Psi", "Ψ"}, {"Omega", "Ω"}, {"times", "×"}, {"pm", "±"},
    {"mp", "∓"}, {"cdot", "·"}, {"leq", "≤"}, {"le", "≤"}, {"geq", "≥"}, {"ge", "≥"},
    {"neq", "≠"}, {"ne", "≠"}, {"approx", "≈"}, {"sim", "∼"}, {"simeq", "≃"}, {"infty", "∞"},
    {"rightarrow", "→"}, {"to", "→"}, {"leftarrow", "←"}, {"Rightarrow", "⇒"},
    {"leftrightarrow", "↔"}, {"partial", "∂"}, {"nabla", "∇"}, {"sum", "∑"}, {"prod", "∏"},
    {"int", "∫"}, {"sqrt", "√"}, {"circ", "∘"}, {"prime", "′"}, {"ell", "ℓ"}, {"hbar", "ℏ"},
    {"in", "∈"}, {"subset", "⊂"}, {"subseteq", "⊆"}, {"cup", "∪"}, {"cap", "∩"},
    {"emptyset", "∅"}, {"forall", "∀"}, {"exists", "∃"}, {"neg", "¬"}, {"wedge", "∧"},
    {"vee", "∨"}, {"equiv", "≡"}, {"propto", "∝"}, {"cdots", "⋯"}, {"div", "÷"},
    {"langle", "⟨"}, {"rangle", "⟩"}, {"mid", "|"}, {"ast", "∗"}, {"star", "⋆"},
    {"bullet", "•"}, {"dagger", "†"}, {"ddagger", "‡"}, {"degree", "°"}, {"lbrace", "{"},
    {"rbrace", "}"}, {"backslash", "\\"}, {"vert", "|"}, {"ll", "≪"}, {"gg", "≫"},
};

/* Commands whose one argument is wrapped in a tag (NULL: kept as is). */
static const struct {
    const char *cmd, *tag;
} wrappers[] = {
    {"emph", "i"}, {"textit", "i"}, {"textsl", "i"}, {"mkbibemph", "i"}, {"mkbibitalic", "i"},
    {"textbf", "b"}, {"mkbibbold", "b"}, {"textsc", "sc"}, {"mkbibacro", "sc"},
    {"textsuperscript", "sup"}, {"mkbibsuperscript", "sup"}, {"textsubscript", "sub"},
    {"mkbibsubscript", "sub"}, {"texttt", NULL}, {"textrm", NULL}, {"textsf", NULL},
    {"textup", NULL}, {"textmd", NULL}, {"textnormal", NULL}, {"text", NULL}, {"mbox", NULL},
    {"hbox", NULL}, {"ensuremath", NULL}, {"autocap", NULL}, {"bibstring", NULL},
    {"textlatin", NULL}, {"textenglish", NULL}, {"MakeUppercase", NULL},
    {"MakeLowercase", NULL}, {"uppercase", NULL}, {"lowercase", NULL}, {"mathrm", NULL},
    {"mathit", NULL}, {"mathbf", NULL}, {"mathsf", NULL}, {"mathtt", NULL}, {"mathcal", NULL},
    {"operatorname", NULL},
};

/* Switches that set a style until the end of their group: {\em text}. */
static const struct {
    const char *cmd, *tag;
} switch_cmds[] = {
    {"em", "i"},         {"it", "i"}, {"itshape", "i"}, {"sl", "i"},     {"slshape", "i"},
    {"bf", "b"},         {"bfseries", "b"}, {"sc", "sc"}, {"scshape", "sc"}, {"rm", NULL},
    {"normalfont", NULL}, {"upshape", NULL}, {"mdseries", NULL}, {"tt", NULL},
    {"ttfamily", NULL},  {"sf", NULL}, {"sffamily", NULL}, {"rmfamily", NULL},
    {"small", NULL},     {"footnotesize", NULL}, {"scriptsize", NULL}, {"tiny", NULL},
    {"large", NULL},     {"Large", NULL}, {"normalsize", NULL},
};

/* Commands dropped together with their argument ({\noopsort{1973b}}1973). */
static const char *const dropped_with_arg[] = {
    "noopsort", "SortNoop", "sortnoop", "footnote", "mkbibfootnote", "thanks",
    "index",    "label",    "cite",     "ref",      "hyphenation",  "vspace",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* Style switches applied inside one group; more are ignored. */
#define MAX_SWITCHES 8

static bool rich(const lx *x)
{
    return x->mode == LATEX_RICH || x->mode == LATEX_TITLE;
}

static void open_tag(lx *x, const char *tag)
{
    if (tag && rich(x))
        g_string_append_printf(x->out, "<%s>", tag);
}

static void close_tag(lx *x, const char *tag)
{
    if (tag && rich(x))
        g_string_append_printf(x->out, "</%s>", tag);
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void skip_spaces(lx *x)
{
    while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' || *x->p == '\r'))
        x->p++;
}

/* Length of the UTF-8 character at p (1 for a stray byte). */
static size_t char_len(const char *p, const char *end)
{
    const char *n = g_utf8_find_next_char(p, end);
    return n ? (size_t)(n - p) : (size_t)(end - p);
}

/* Reads a command name after the backslash: a run of letters, or one character. */
static char *read_name(lx *x)
{
    const char *s = x->p;
    if (x->p < x->end && is_letter(*x->p)) {
        while (x->p < x->end && is_letter(*x->p))
            x->p++;
        char *name = g_strndup(s, (size_t)(x->p - s));
        skip_spaces(x); /* TeX: spaces after a control word are not text */
        return name;
    }
    if (x->p < x->end)
        x->p += char_len(x->p, x->end);
    return g_strndup(s, (size_t)(x->p - s));
}

/* Processes one argument: a {group} (without case protection), a command, or
 * one character. */
static void argument(lx *x, bool protect, unsigned depth)
{
    skip_spaces(x);
    if (x->p >= x->end)
        return;
    if (*x->p == '{') {
        x->p++;
        run(x, protect, depth + 1);
    } else if (*x->p == '\\') {
        if (depth >= BIB_MAX_BRACE_DEPTH) {
            x->p = x->end;
            return;
        }
        const char *sw[MAX_SWITCHES];
        int n = 0;
        command(x, protect, depth + 1, sw, &n);
        for (int i = n - 1; i >= 0; i--)
            close_tag(x, sw[i]);
    } else {
        size_t n = char_len(x->p, x->end);
        g_string_append_len(x->out, x->p, (gssize)n);
        x->p += n;
    }
}

/* Skips one argument without output (a {group} or one character). */
static void skip_argument(lx *x)
{
    skip_spaces(x);
    if (x->p >= x->end)
        return;
    if (*x->p != '{') {
        x->p += char_len(x->p, x->end);
        return;
    }
    int depth = 0;
    while (x->p < x->end) {
        char c = *x->p++;
        if (c == '\\' && x->p < x->end)
            x->p++;
        else if (c == '{')
            depth++;
        else if (c == '}' && --depth == 0)
            return;
    }
}

/* An accent over its argument: the argument's first character, the
 * combining mark, then the rest ("\'{\i}" puts the mark on a plain i). */
static void accent(lx *x, unsigned idx, unsigned depth)
{
    GString *saved = x->out;
    GString *arg = g_string_new(NULL);
    latex_mode mode = x->mode;
    x->out = arg;
    x->mode = LATEX_PLAIN;
    skip_spaces(x);
    if (x->p + 1 < x->end && x->p[0] == '\\' && (x->p[1] == 'i' || x->p[1] == 'j') &&
        (x->p + 2 == x->end || !is_letter(x->p[2]))) {
        g_string_append_c(arg, x->p[1]);
        x->p += 2;
        skip_spaces(x);
    } else if (x->p + 3 < x->end && x->p[0] == '{' && x->p[1] == '\\' &&
               (x->p[2] == 'i' || x->p[2] == 'j') && x->p[3] == '}') {
        g_string_append_c(arg, x->p[2]);
        x->p += 4;
    } else {
        argument(x, true, depth);
    }
    x->out = saved;
    x->mode = mode;
    if (arg->len == 0) {
        g_string_append(x->out, accents[idx].spacing);
    } else {
        /* base letter + combining mark, composed here (NFC) rather than over
         * the whole text: glib's normalization is quadratic in the number of
         * marks in one string */
        size_t first = char_len(arg->str, arg->str + arg->len);
        char *pair = g_strdup_printf("%.*s%s", (int)first, arg->str, accents[idx].combining);
        char *nfc = g_utf8_normalize(pair, -1, G_NORMALIZE_NFC);
        g_string_append(x->out, nfc ? nfc : pair);
        g_string_append(x->out, arg->str + first);
        g_free(nfc);
        g_free(pair);
    }
    g_string_free(arg, TRUE);
}

/* \url{...}: the argument verbatim. */
static void verbatim_argument(lx *x)
{
    skip_spaces(x);
    if (x->p >= x->end || *x->p != '{') {
        argument(x, true, 0);
        return;
    }
    x->p++;
    int depth = 1;
    while (x->p < x->end) {
        char c = *x->p++;
        if (c == '{') {
            depth++;
        } else if (c == '}') {
            if (--depth == 0)
                return;
        } else if (c == '\\' && x->p < x->end && strchr("%#_&~$", *x->p)) {
            g_string_append_c(x->out, *x->p++);
            continue;
        } else {
            g_string_append_c(x->out, c);
        }
    }
}

static void quoted(lx *x, bool protect, unsigned depth)
{
    const char *mark = x->quote % 2 == 0 ? "\"" : "'";
    g_string_append(x->out, mark);
    x->quote++;
    argument(x, protect, depth);
    x->quote--;
    g_string_append(x->out, mark);
}

/* What a command does, for the lookup table. */
typedef enum {
    K_ACCENT = 1,
    K_LETTER,
    K_SYMBOL,
    K_WRAP,
    K_SWITCH,
    K_DROP,
    K_URL,
    K_SECOND_ARG, /* \href{url}{text}, \foreignlanguage{lang}{text} */
    K_QUOTE,
    K_PARENS,
    K_BRACKETS,
    K_NOCASE,
} cmd_kind;

#define CMD(kind, i) GUINT_TO_POINTER(((unsigned)(kind) << 16) | (unsigned)(i))

static void add_cmd(GHashTable *t, const char *name, cmd_kind kind, unsigned i)
{
    if (!g_hash_table_contains(t, name)) /* the first table that names it wins */
        g_hash_table_insert(t, (gpointer)name, CMD(kind, i));
}

/* Command name -> CMD(kind, index in its table): built once, kept for the
 * life of the process (input can hold millions of commands; a linear scan of
 * the tables for each would be slow). */
static GHashTable *commands(void)
{
    static gsize once;
    static GHashTable *t;
    if (g_once_init_enter(&once)) {
        GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
        for (unsigned i = 0; i < COUNT(accents); i++)
            add_cmd(h, accents[i].cmd, K_ACCENT, i);
        for (unsigned i = 0; i < COUNT(letters); i++)
            add_cmd(h, letters[i].cmd, K_LETTER, i);
        for (unsigned i = 0; i < COUNT(symbols); i++)
            add_cmd(h, symbols[i].cmd, K_SYMBOL, i);
        for (unsigned i = 0; i < COUNT(wrappers); i++)
            add_cmd(h, wrappers[i].cmd, K_WRAP, i);
        for (unsigned i = 0; i < COUNT(switch_cmds); i++)
            add_cmd(h, switch_cmds[i].cmd, K_SWITCH, i);
        for (unsigned i = 0; i < COUNT(dropped_with_arg); i++)
            add_cmd(h, dropped_with_arg[i], K_DROP, i);
        static const char *const urls[] = {"url", "path"};
        for (unsigned i = 0; i < COUNT(urls); i++)
            add_cmd(h, urls[i], K_URL, 0);
        static const char *const second[] = {"href", "foreignlanguage", "hyphenrules"};
        for (unsigned i = 0; i < COUNT(second); i++)
            add_cmd(h, second[i], K_SECOND_ARG, 0);
        static const char *const quotes[] = {"mkbibquote", "enquote", "textquote"};
        for (unsigned i = 0; i < COUNT(quotes); i++)
            add_cmd(h, quotes[i], K_QUOTE, 0);
        add_cmd(h, "mkbibparens", K_PARENS, 0);
        add_cmd(h, "mkbibbrackets", K_BRACKETS, 0);
        add_cmd(h, "NoCaseChange", K_NOCASE, 0);
        add_cmd(h, "nocase", K_NOCASE, 0);
        t = h;
        g_once_init_leave(&once, 1);
    }
    return t;
}

/* The kind of command NAME (0: unknown) and its index in its table. */
static cmd_kind lookup_cmd(const char *name, unsigned *index)
{
    guint v = GPOINTER_TO_UINT(g_hash_table_lookup(commands(), name));
    *index = v & 0xFFFF;
    return (cmd_kind)(v >> 16);
}

/* Handles one control sequence at x->p (the backslash). Switches it opens are
 * added to switches, to be closed at the end of the enclosing group. */
static void command(lx *x, bool protect, unsigned depth, const char **switches, int *n_switches)
{
    x->p++;
    if (x->p >= x->end)
        return;
    char *name = read_name(x);
    unsigned i;
    switch (lookup_cmd(name, &i)) {
    case K_ACCENT:
        accent(x, i, depth);
        break;
    case K_LETTER:
        g_string_append(x->out, letters[i].text);
        break;
    case K_SYMBOL:
        g_string_append(x->out, symbols[i].text);
        break;
    case K_WRAP:
        open_tag(x, wrappers[i].tag);
        argument(x, protect, depth);
        close_tag(x, wrappers[i].tag);
        break;
    case K_SWITCH:
        if (switch_cmds[i].tag && *n_switches < MAX_SWITCHES && rich(x)) {
            open_tag(x, switch_cmds[i].tag);
            switches[(*n_switches)++] = switch_cmds[i].tag;
        }
        break;
    case K_DROP:
        skip_argument(x);
        break;
    case K_URL:
        verbatim_argument(x);
        break;
    case K_SECOND_ARG:
        skip_argument(x);
        argument(x, protect, depth);
        break;
    case K_QUOTE:
        if (x->p < x->end && *x->p == '*')
            x->p++;
        quoted(x, protect, depth);
        break;
    case K_PARENS:
    case K_BRACKETS: {
        bool paren = !strcmp(name, "mkbibparens");
        g_string_append_c(x->out, paren ? '(' : '[');
        argument(x, protect, depth);
        g_string_append_c(x->out, paren ? ')' : ']');
        break;
    }
    case K_NOCASE: {
        bool span = x->mode == LATEX_TITLE && !protect;
        if (span)
            g_string_append(x->out, "<span class=\"nocase\">");
        argument(x, true, depth);
        if (span)
            g_string_append(x->out, "</span>");
        break;
    }
    default:
        if (x->p < x->end && *x->p == '{' && is_letter(name[0])) {
            /* Any other command is dropped; its argument is kept as text (and
             * does not protect case: it is an argument, not a brace group). */
            x->p++;
            run(x, protect, depth + 1);
        }
    }
    g_free(name);
}

/* Whether the group at x->p (just after its '{') is a BibTeX "special
 * character" or a style switch, which do not protect case: {\"O}, {\em x}. */
static bool special_group(const lx *x)
{
    if (x->p >= x->end || *x->p != '\\' || x->p + 1 >= x->end)
        return false;
    const char *s = x->p + 1, *e = s;
    while (e < x->end && is_letter(*e) && e - s < 32)
        e++;
    if (e == s)
        e = s + 1;
    char name[40];
    memcpy(name, s, (size_t)(e - s));
    name[e - s] = '\0';
    unsigned i;
    cmd_kind k = lookup_cmd(name, &i);
    return k == K_ACCENT || k == K_LETTER || k == K_SWITCH;
}

/* A brace group, its '{' consumed. */
static void group(lx *x, bool protect, unsigned depth)
{
    if (x->mode != LATEX_TITLE || protect || special_group(x)) {
        run(x, protect, depth + 1);
        return;
    }
    size_t mark = x->out->len;
    g_string_append(x->out, "<span class=\"nocase\">");
    size_t inner = x->out->len;
    run(x, true, depth + 1);
    if (x->out->len == inner)
        g_string_truncate(x->out, mark);
    else
        g_string_append(x->out, "</span>");
}

/* Math-mode ^ and _: the next argument raised or lowered. */
static void script(lx *x, bool protect, unsigned depth, const char *tag)
{
    x->p++;
    open_tag(x, tag);
    argument(x, protect, depth);
    close_tag(x, tag);
}

/* Processes text up to the end of the current group (consuming its '}') or
 * of the input. Deeper groups recurse, at most BIB_MAX_BRACE_DEPTH. */
static void run(lx *x, bool protect, unsigned depth)
{
    const char *switches[MAX_SWITCHES];
    int n_switches = 0;
    if (depth > BIB_MAX_BRACE_DEPTH) {
        x->p = x->end;
        return;
    }
    while (x->p < x->end) {
        char c = *x->p;
        if (c == '}') {
            x->p++;
            break;
        }
        switch (c) {
        case '{':
            x->p++;
            group(x, protect, depth);
            break;
        case '\\':
            command(x, protect, depth, switches, &n_switches);
            break;
        case '$':
            x->p++;
            x->math = !x->math;
            break;
        case '^':
        case '_':
            if (x->math)
                script(x, protect, depth, c == '^' ? "sup" : "sub");
            else
                g_string_append_c(x->out, *x->p++);
            break;
        case '~':
            x->p++;
            g_string_append(x->out, "\u00A0");
            break;
        case '-':
            if (x->p + 2 < x->end && x->p[1] == '-' && x->p[2] == '-') {
                x->p += 3;
                g_string_append(x->out, "—");
            } else if (x->p + 1 < x->end && x->p[1] == '-') {
                x->p += 2;
                g_string_append(x->out, "–");
            } else {
                g_string_append_c(x->out, *x->p++);
            }
            break;
        case '`':
        case '\'':
            if (x->p + 1 < x->end && x->p[1] == c) {
                x->p += 2;
                g_string_append_c(x->out, '"');
            } else {
                x->p++;
                g_string_append_c(x->out, '\'');
            }
            break;
        case '!':
        case '?':
            if (x->p + 1 < x->end && x->p[1] == '`') {
                g_string_append(x->out, c == '!' ? "¡" : "¿");
                x->p += 2;
            } else {
                g_string_append_c(x->out, *x->p++);
            }
            break;
        case '\t':
        case '\n':
        case '\r':
            x->p++;
            g_string_append_c(x->out, ' ');
            break;
        default:
            g_string_append_c(x->out, *x->p++);
        }
    }
    for (int i = n_switches - 1; i >= 0; i--)
        close_tag(x, switches[i]);
}

/* Verbatim fields: braces dropped, \url and the like dropped, escapes undone. */
static void run_verbatim(lx *x)
{
    while (x->p < x->end) {
        char c = *x->p++;
        if (c == '{' || c == '}')
            continue;
        if (c == '\\' && x->p < x->end) {
            if (strchr("%#_&~$", *x->p)) {
                g_string_append_c(x->out, *x->p++);
            } else {
                while (x->p < x->end && is_letter(*x->p))
                    x->p++;
            }
            continue;
        }
        g_string_append_c(x->out, c);
    }
}

char *latex_to_text(arena *a, const char *src, latex_mode mode)
{
    lx x = {.p = src, .end = src + strlen(src), .out = g_string_new(NULL), .mode = mode};
    if (mode == LATEX_VERBATIM) {
        run_verbatim(&x);
    } else {
        /* A stray '}' at the top level ends run(); go on past it. */
        while (x.p < x.end)
            run(&x, false, 0);
    }
    /* Collapse the spaces that commands and ties may have doubled, and trim. */
    GString *o = x.out;
    size_t w = 0;
    for (size_t r = 0; r < o->len; r++) {
        if (o->str[r] == ' ' && (w == 0 || o->str[w - 1] == ' '))
            continue;
        o->str[w++] = o->str[r];
    }
    while (w > 0 && o->str[w - 1] == ' ')
        w--;
    g_string_truncate(o, w);
    char *res = arena_strndup(a, o->str, o->len);
    g_string_free(o, TRUE);
    return res;
}
