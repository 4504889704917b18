/* styles.c - the palette: dark teal headers, muted greys, traffic lights in
 * the colours people read without a legend. */
#include "styles.h"

#include <stdio.h>
#include <string.h>

#define C_TEAL 0x1F4E5F
#define C_TEAL_LIGHT 0xDCE9EE
#define C_GREY 0x595959
#define C_RED 0xC0392B
#define C_RED_LIGHT 0xF8D7DA
#define C_AMBER 0xE6A118
#define C_AMBER_LIGHT 0xFCEBC7
#define C_GREEN 0x2E8B57

static lxw_format *base(lxw_workbook *wb, int rtl)
{
    lxw_format *f = workbook_add_format(wb);
    if (f) {
        format_set_font_name(f, "Arial");
        format_set_font_size(f, 10);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        if (rtl) format_set_reading_order(f, 2);
    }
    return f;
}

static lxw_format *numfmt(lxw_workbook *wb, int rtl, const char *code)
{
    lxw_format *f = base(wb, rtl);
    if (f && code) format_set_num_format(f, code);
    return f;
}

static lxw_format *fill(lxw_workbook *wb, int rtl, lxw_color_t bg, lxw_color_t fg, int bold)
{
    lxw_format *f = base(wb, rtl);
    if (!f) return NULL;
    format_set_bg_color(f, bg);
    format_set_font_color(f, fg);
    if (bold) format_set_bold(f);
    format_set_align(f, LXW_ALIGN_CENTER);
    return f;
}

/* Conditional-format formats carry only what they change (Excel dxf). */
static lxw_format *dxf(lxw_workbook *wb, lxw_color_t bg, lxw_color_t fg)
{
    lxw_format *f = workbook_add_format(wb);
    if (f) { format_set_bg_color(f, bg); format_set_font_color(f, fg); }
    return f;
}

/* A literal for a number format: double quotes are not allowed inside. */
static void quoted(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p && n + 1 < cap; p++)
        if (*p != '"' && *p != ';') out[n++] = *p;
    out[n] = '\0';
}

static int text_styles(aud_styles *s, lxw_workbook *wb, int rtl)
{
    s->title = base(wb, rtl);
    s->subtitle = base(wb, rtl);
    s->section = base(wb, rtl);
    s->header = base(wb, rtl);
    s->remark = base(wb, rtl);
    s->text = base(wb, rtl);
    s->note = base(wb, rtl);
    s->verdict = base(wb, rtl);
    if (!s->title || !s->subtitle || !s->section || !s->header || !s->text || !s->note || !s->remark || !s->verdict)
        return 0;
    format_set_font_size(s->title, 16);
    format_set_bold(s->title);
    format_set_font_color(s->title, C_TEAL);
    format_set_italic(s->subtitle);
    format_set_font_color(s->subtitle, C_GREY);
    format_set_font_size(s->section, 12);
    format_set_bold(s->section);
    format_set_font_color(s->section, C_TEAL);
    format_set_bottom(s->section, LXW_BORDER_MEDIUM);
    format_set_bottom_color(s->section, C_TEAL);
    format_set_bold(s->header);
    format_set_font_color(s->header, LXW_COLOR_WHITE);
    format_set_bg_color(s->header, C_TEAL);
    format_set_text_wrap(s->header);
    format_set_border(s->header, LXW_BORDER_THIN);
    format_set_border_color(s->header, LXW_COLOR_WHITE);
    format_set_italic(s->remark);
    format_set_font_color(s->remark, C_GREY);
    format_set_italic(s->note);
    format_set_text_wrap(s->note);
    if (!rtl) format_set_align(s->text, LXW_ALIGN_LEFT);   /* Arabic values in a French sheet stay aligned */
    format_set_font_color(s->note, C_GREY);
    format_set_font_size(s->verdict, 11);
    format_set_text_wrap(s->verdict);
    format_set_align(s->verdict, LXW_ALIGN_VERTICAL_TOP);
    return 1;
}

static int number_styles(aud_styles *s, lxw_workbook *wb, int rtl, const char *yes, const char *no)
{
    char yn[256], a[64], b[64];
    quoted(a, sizeof a, yes);
    quoted(b, sizeof b, no);
    snprintf(yn, sizeof yn, "\"%s\";\"%s\";\"%s\"", a, a, b);
    s->num[AUD_COL_TEXT] = s->text;
    s->num[AUD_COL_COUNT] = numfmt(wb, rtl, "#,##0");
    s->num[AUD_COL_MONEY] = numfmt(wb, rtl, "#,##0.00");
    s->num[AUD_COL_PCT] = numfmt(wb, rtl, "0.0");
    s->num[AUD_COL_RATIO] = numfmt(wb, rtl, "0.000");
    s->num[AUD_COL_NUMBER] = numfmt(wb, rtl, "General");
    s->num[AUD_COL_PVALUE] = numfmt(wb, rtl, "0.0000");
    s->num[AUD_COL_BOOL] = numfmt(wb, rtl, yn);
    s->gap = numfmt(wb, rtl, "0.0;[Blue]-0.0");
    s->nc = base(wb, rtl);
    s->suppressed = base(wb, rtl);
    for (int i = 0; i <= AUD_COL_BOOL; i++) if (!s->num[i]) return 0;
    if (!s->gap || !s->nc || !s->suppressed) return 0;
    format_set_italic(s->nc);
    format_set_font_color(s->nc, C_GREY);
    format_set_align(s->nc, LXW_ALIGN_RIGHT);
    format_set_italic(s->suppressed);
    format_set_font_color(s->suppressed, C_GREY);
    format_set_align(s->suppressed, LXW_ALIGN_RIGHT);
    return 1;
}

static int light_styles(aud_styles *s, lxw_workbook *wb, int rtl)
{
    s->light[AUD_LIGHT_NONE] = s->text;
    s->light[AUD_LIGHT_GREEN] = fill(wb, rtl, C_GREEN, LXW_COLOR_WHITE, 1);
    s->light[AUD_LIGHT_AMBER] = fill(wb, rtl, C_AMBER, LXW_COLOR_BLACK, 1);
    s->light[AUD_LIGHT_RED] = fill(wb, rtl, C_RED, LXW_COLOR_WHITE, 1);
    s->cf_red = dxf(wb, C_RED_LIGHT, 0x9C0006);
    s->cf_amber = dxf(wb, C_AMBER_LIGHT, 0x7F5A00);
    s->big_label = base(wb, rtl);
    if (!s->big_label || !s->cf_red || !s->cf_amber) return 0;
    for (int i = 1; i <= AUD_LIGHT_RED; i++) if (!s->light[i]) return 0;
    format_set_bold(s->big_label);
    format_set_bg_color(s->big_label, C_TEAL_LIGHT);
    format_set_font_color(s->big_label, C_TEAL);
    return 1;
}

int aud_styles_build(aud_styles *s, lxw_workbook *wb, int rtl, const char *yes, const char *no)
{
    memset(s, 0, sizeof *s);
    return text_styles(s, wb, rtl) && number_styles(s, wb, rtl, yes, no) && light_styles(s, wb, rtl);
}

lxw_format *aud_styles_for(const aud_styles *s, aud_colfmt f, int is_gap)
{
    if (is_gap) return s->gap;
    if ((int)f < 0 || f > AUD_COL_BOOL) return s->text;
    return s->num[f];
}
