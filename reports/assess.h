/* assess.h - the thresholds of WORKBOOK.md turned into traffic lights, and
 * the display family of a metric id. Pure functions, no workbook calls, so
 * the rules are unit-tested on their own.
 *
 * Ownership: nothing is allocated; everything is borrowed.
 */
#ifndef AUD_ASSESS_H
#define AUD_ASSESS_H

#include "results.h"

typedef enum aud_light { AUD_LIGHT_NONE = 0, AUD_LIGHT_GREEN, AUD_LIGHT_AMBER, AUD_LIGHT_RED } aud_light;

#define AUD_GAP_RED 5.0        /* |gap| >= 5 %: EU art. 10 joint assessment */
#define AUD_GAP_AMBER 2.5
#define AUD_EGAPRO_RED 75.0    /* below 75: corrective measures */
#define AUD_EGAPRO_AMBER 85.0  /* below 85: progress objectives */
#define AUD_FOUR_FIFTHS 0.8

/* Light of one metric by its id and value; NONE when the id carries no
 * threshold or the value is not calculable. */
aud_light aud_assess_metric(const char *id, const aud_value *v);
aud_light aud_assess_gap(double gap_pct);
aud_light aud_assess_egapro(double index);

/* True for ids that are signed gaps in percent (negative = women earn more). */
int aud_metric_is_gap(const char *id);
/* How a scalar metric is shown (number format family). */
aud_colfmt aud_metric_fmt(const char *id, aud_vtype t);

#endif
