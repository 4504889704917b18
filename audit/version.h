/* version.h - the one place the version number lives. */
#ifndef AUD_VERSION_H
#define AUD_VERSION_H
#define MUSAWAT_VERSION "0.1.0"
#endif
