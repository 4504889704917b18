/* demo.c - synthetic extract generator. */
#include "demo.h"

aud_err aud_demo_generate(const aud_demo_spec *spec, char **workforce_path, char **applicants_path,
                          aud_diag *diag)
{
    (void)spec; *workforce_path = 0; *applicants_path = 0;
    return aud_diag_set(diag, AUD_E_INTERNAL, NULL, 0, "the demo generator is not available in this build yet");
}
