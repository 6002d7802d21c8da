/* lazy_zip.c: the libzip functions the EPUB writer calls, loaded at the
 * first (lazy.h). */
#include "lazy.h"

#include <zip.h>

static lazy_lib zip = {"libzip.so.4", NULL};

LAZY_FORWARD(zip, int, zip_close, (zip_t * za), (za))
LAZY_FORWARD_VOID(zip, zip_discard, (zip_t * za), (za))
LAZY_FORWARD_VOID(zip, zip_error_fini, (zip_error_t * e), (e))
LAZY_FORWARD_VOID(zip, zip_error_init, (zip_error_t * e), (e))
LAZY_FORWARD(zip, const char *, zip_error_strerror, (zip_error_t * e), (e))
LAZY_FORWARD(zip, zip_int64_t, zip_file_add,
             (zip_t * za, const char *name, zip_source_t *src, zip_flags_t flags),
             (za, name, src, flags))
LAZY_FORWARD(zip, int, zip_file_set_dostime,
             (zip_t * za, zip_uint64_t i, zip_uint16_t time, zip_uint16_t date, zip_flags_t flags),
             (za, i, time, date, flags))
LAZY_FORWARD(zip, int, zip_file_set_external_attributes,
             (zip_t * za, zip_uint64_t i, zip_flags_t flags, zip_uint8_t opsys,
              zip_uint32_t attributes),
             (za, i, flags, opsys, attributes))
LAZY_FORWARD(zip, zip_error_t *, zip_get_error, (zip_t * za), (za))
LAZY_FORWARD(zip, zip_t *, zip_open_from_source, (zip_source_t * src, int flags, zip_error_t *e),
             (src, flags, e))
LAZY_FORWARD(zip, int, zip_set_file_compression,
             (zip_t * za, zip_uint64_t i, zip_int32_t method, zip_uint32_t level),
             (za, i, method, level))
LAZY_FORWARD(zip, zip_source_t *, zip_source_buffer,
             (zip_t * za, const void *data, zip_uint64_t len, int freep), (za, data, len, freep))
LAZY_FORWARD(zip, zip_source_t *, zip_source_buffer_create,
             (const void *data, zip_uint64_t len, int freep, zip_error_t *e), (data, len, freep, e))
LAZY_FORWARD(zip, int, zip_source_close, (zip_source_t * src), (src))
LAZY_FORWARD(zip, zip_error_t *, zip_source_error, (zip_source_t * src), (src))
LAZY_FORWARD_VOID(zip, zip_source_free, (zip_source_t * src), (src))
LAZY_FORWARD(zip, int, zip_source_is_deleted, (zip_source_t * src), (src))
LAZY_FORWARD_VOID(zip, zip_source_keep, (zip_source_t * src), (src))
LAZY_FORWARD(zip, int, zip_source_open, (zip_source_t * src), (src))
LAZY_FORWARD(zip, zip_int64_t, zip_source_read, (zip_source_t * src, void *data, zip_uint64_t len),
             (src, data, len))
LAZY_FORWARD(zip, int, zip_source_seek, (zip_source_t * src, zip_int64_t offset, int whence),
             (src, offset, whence))
LAZY_FORWARD(zip, zip_int64_t, zip_source_tell, (zip_source_t * src), (src))
