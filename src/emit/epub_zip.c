/* epub_zip.c: the OCF container (EPUB 3.3 OCF section 4.2): a zip whose first
 * entry is `mimetype`, stored uncompressed without extra fields, so that its
 * bytes sit at a fixed offset and identify the file.
 *
 * The zip is built in memory with libzip, then its bytes go through
 * out_open/out_commit, so the target appears whole or not at all. For
 * byte-identical rebuilds, entries keep the order they were added in and
 * every entry gets the same MS-DOS time (set as DOS fields: libzip's
 * zip_file_set_mtime would go through the local time zone). */
#include "epub.h"

#include <errno.h>
#include <zip.h>

/* Unix mode of every entry: a regular file, rw-r--r--. */
#define ZIP_FILE_MODE 0100644u

struct epub_zip {
    GPtrArray *names; /* char * */
    GPtrArray *data;  /* GBytes * */
    unsigned short dos_date, dos_time;
};

epub_zip *epub_zip_new(const epub_plan *p)
{
    epub_zip *z = g_new0(epub_zip, 1);
    z->names = g_ptr_array_new_with_free_func(g_free);
    z->data = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    z->dos_date = p->dos_date;
    z->dos_time = p->dos_time;
    return z;
}

void epub_zip_free(epub_zip *z)
{
    if (!z)
        return;
    g_ptr_array_free(z->names, TRUE);
    g_ptr_array_free(z->data, TRUE);
    g_free(z);
}

void epub_zip_add(epub_zip *z, const char *name, GBytes *data)
{
    g_ptr_array_add(z->names, g_strdup(name));
    g_ptr_array_add(z->data, g_bytes_ref(data));
}

static void zip_failed(const char *target, const char *what, zip_error_t *err)
{
    diag_error(target, 0, 0, "cannot build the EPUB container (%s): %s", what,
               zip_error_strerror(err));
}

/* Adds entry i to za; false after an error diagnostic. */
static bool add_entry(epub_zip *z, zip_t *za, guint i, const char *target)
{
    gsize len;
    const void *bytes = g_bytes_get_data(z->data->pdata[i], &len);
    const char *name = z->names->pdata[i];
    zip_source_t *src = zip_source_buffer(za, bytes, len, 0); /* z keeps the bytes alive */
    zip_int64_t idx = src ? zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
        if (src)
            zip_source_free(src);
        zip_failed(target, name, zip_get_error(za));
        return false;
    }
    bool first = i == 0; /* mimetype */
    zip_uint64_t u = (zip_uint64_t)idx;
    if (zip_set_file_compression(za, u, first ? ZIP_CM_STORE : ZIP_CM_DEFLATE, first ? 0 : 9) < 0 ||
        zip_file_set_dostime(za, u, z->dos_time, z->dos_date, 0) < 0 ||
        zip_file_set_external_attributes(za, u, 0, ZIP_OPSYS_UNIX, ZIP_FILE_MODE << 16) < 0) {
        zip_failed(target, name, zip_get_error(za));
        return false;
    }
    return true;
}

/* The finished bytes of an in-memory zip source (kept after zip_close), as
 * in libzip's examples/in-memory.c. */
static GBytes *source_bytes(zip_source_t *src, const char *target)
{
    if (zip_source_is_deleted(src) || zip_source_open(src) < 0) {
        zip_failed(target, "reading back", zip_source_error(src));
        return NULL;
    }
    GBytes *result = NULL;
    zip_int64_t size = -1;
    if (zip_source_seek(src, 0, SEEK_END) == 0)
        size = zip_source_tell(src);
    if (size < 0 || zip_source_seek(src, 0, SEEK_SET) < 0) {
        zip_failed(target, "reading back", zip_source_error(src));
        goto out;
    }
    guint8 *buf = g_malloc((gsize)size + 1);
    zip_int64_t got = 0;
    while (got < size) {
        zip_int64_t n = zip_source_read(src, buf + got, (zip_uint64_t)(size - got));
        if (n <= 0)
            break;
        got += n;
    }
    if (got != size) {
        zip_failed(target, "reading back", zip_source_error(src));
        g_free(buf);
        goto out;
    }
    result = g_bytes_new_take(buf, (gsize)size);
out:
    zip_source_close(src);
    return result;
}

bool epub_zip_write(epub_zip *z, const char *target)
{
    bool ok = false;
    zip_error_t err;
    zip_error_init(&err);
    zip_t *za = NULL;
    GBytes *bytes = NULL;
    outfile *o = NULL;
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    if (!src) {
        zip_failed(target, "memory", &err);
        goto out;
    }
    if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &err))) {
        zip_failed(target, "opening", &err);
        goto out;
    }
    zip_source_keep(src); /* za owns one reference; its bytes are the result */
    for (guint i = 0; i < z->names->len; i++)
        if (!add_entry(z, za, i, target))
            goto out;
    if (zip_close(za) < 0) {
        zip_failed(target, "writing", zip_get_error(za));
        goto out;
    }
    za = NULL;
    if (!(bytes = source_bytes(src, target)))
        goto out;
    if (!(o = out_open(target)))
        goto out;
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);
    if (fwrite(data, 1, len, out_stream(o)) != len) {
        diag_error(target, 0, 0, "cannot write output: %s", g_strerror(errno));
        goto out;
    }
    ok = out_commit(o);
    o = NULL;
out:
    out_abort(o);
    if (za)
        zip_discard(za);
    if (src)
        zip_source_free(src);
    if (bytes)
        g_bytes_unref(bytes);
    zip_error_fini(&err);
    return ok;
}
