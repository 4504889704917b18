/* benchmark_wb.h - the sector benchmark workbook (SUMMARY.md): pooled sector
 * figures (each cell named sector_<id>), the distribution of every metric,
 * the focus employer's standing with a chart, groups, employers and method,
 * in fr / ar (right-to-left) / en from templates/labels/benchmark_<lang>.tsv.
 *
 * Ownership: borrows the benchmark; writes path atomically.
 */
#ifndef AUD_BENCHMARK_WB_H
#define AUD_BENCHMARK_WB_H

#include "benchmark.h"
#include "diag.h"
#include "options.h"

aud_err aud_benchmark_workbook_write(const aud_bench *b, const aud_options *o, const char *path,
                                     aud_diag *diag);

#endif
