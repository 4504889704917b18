/* ingest.c - reading extracts into the dataset. */
#include "ingest.h"

aud_err aud_ingest(const aud_options *o, aud_dataset *d, aud_diag *diag)
{
    (void)o; (void)d;
    return aud_diag_set(diag, AUD_E_INTERNAL, NULL, 0, "reading extracts is not available in this build yet");
}

aud_err aud_templates_list(const aud_options *o, aud_template_info **out, size_t *n, aud_diag *diag)
{
    (void)o; (void)diag; *out = 0; *n = 0;
    return AUD_OK;
}

void aud_templates_list_free(aud_template_info *list, size_t n) { (void)list; (void)n; }

aud_err aud_check_json_write(const aud_dataset *d, const aud_options *o, const char *path, aud_diag *diag)
{
    (void)d; (void)o;
    return aud_diag_set(diag, AUD_E_INTERNAL, path, 0, "check --json is not available in this build yet");
}
