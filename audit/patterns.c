/* patterns.c - PCRE2 wrapper: compile once with JIT, match many times. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "patterns.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

struct aud_pattern {
    pcre2_code *re;
    pcre2_match_data *md;   /* reused for every match: we are single-threaded */
};

/* Set by the last failed compile; patterns are compiled by one thread. */
static bool last_nomem;

bool aud_pattern_nomem(void)
{
    return last_nomem;
}

aud_pattern *aud_pattern_compile(const char *pattern, char *errmsg, size_t errlen, size_t *erroff)
{
    int ec = 0;
    last_nomem = false;
    PCRE2_SIZE off = 0;
    /* ANCHORED|ENDANCHORED instead of wrapping in ^...$: `$` would also
     * accept a trailing newline, and wrapping breaks on a stray `|`. */
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF |
                    PCRE2_ANCHORED | PCRE2_ENDANCHORED;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &ec, &off, NULL);
    if (!re) {
        last_nomem = ec == PCRE2_ERROR_HEAP_FAILED || ec == PCRE2_ERROR_NOMEMORY;
        if (errmsg && errlen) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ec, msg, sizeof msg);
            snprintf(errmsg, errlen, "%s", (const char *)msg);
        }
        if (erroff) *erroff = (size_t)off;
        return NULL;
    }
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);   /* failure: interpreter fallback */
    aud_pattern *p = malloc(sizeof *p);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    if (!p || !md) {
        free(p);
        pcre2_match_data_free(md);
        pcre2_code_free(re);
        last_nomem = true;
        if (errmsg && errlen) snprintf(errmsg, errlen, "out of memory");
        if (erroff) *erroff = 0;
        return NULL;
    }
    p->re = re;
    p->md = md;
    return p;
}

bool aud_pattern_match(const aud_pattern *p, const char *s, size_t len)
{
    if (!p || !s) return false;
    int rc = pcre2_match(p->re, (PCRE2_SPTR)s, len, 0, 0, p->md, NULL);
    return rc > 0;
}

void aud_pattern_free(aud_pattern *p)
{
    if (!p) return;
    pcre2_match_data_free(p->md);
    pcre2_code_free(p->re);
    free(p);
}
