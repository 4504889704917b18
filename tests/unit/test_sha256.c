/* test_sha256.c - the SHA-256 of inputs recorded in every output: FIPS 180-4
 * example vectors (empty, "abc", the 448-bit message, one million 'a'), a
 * length that makes the padding spill into a second block, and a file read
 * in 64 KiB pieces giving the same digest as the buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"

static void fips_vectors(void **state)
{
    (void)state;
    char hex[65];
    aud_sha256_buf("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    aud_sha256_buf("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    aud_sha256_buf(m, strlen(m), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    aud_sha256_buf(a, 1000000, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

/* 823 bytes: 823 % 64 = 55 then 0x80 and the length still fit; and a file */
static void padding_and_file(void **state)
{
    (void)state;
    unsigned char buf[823];
    for (int i = 0; i < 768; i++) buf[i] = (unsigned char)(i % 256);
    memset(buf + 768, 'x', 55);
    char hex[65], fhex[65];
    aud_sha256_buf(buf, sizeof buf, hex);
    assert_string_equal(hex, "1d099a857037971bbd4c2e0a22e35939ef393d1831523e67d125d194e77ee949");
    char path[] = "/tmp/musawat-sha-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, buf, sizeof buf), (ssize_t)sizeof buf);
    close(fd);
    aud_diag dg;
    aud_diag_clear(&dg);
    assert_int_equal(aud_sha256_file(path, fhex, &dg), AUD_OK);
    assert_string_equal(fhex, hex);
    unlink(path);
    assert_int_equal(aud_sha256_file(path, fhex, &dg), AUD_E_IO);
}

/* The portable rounds give the FIPS digests too (on this machine the
 * default may be the SHA-instruction path), and both paths agree on every
 * length around the block and padding boundaries and on a large buffer
 * (several whole blocks hashed straight from the caller's memory). */
static void both_paths(void **state)
{
    (void)state;
    char hex[65], ghex[65];
    aud_sha256_buf_generic("abc", 3, ghex);
    assert_string_equal(ghex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    aud_sha256_buf_generic(m, strlen(m), ghex);
    assert_string_equal(ghex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    size_t big = 1u << 20;
    unsigned char *b = malloc(big);
    assert_non_null(b);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < big; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        b[i] = (unsigned char)x;
    }
    for (size_t len = 0; len <= 300; len++) {
        aud_sha256_buf(b + 1, len, hex);
        aud_sha256_buf_generic(b + 1, len, ghex);
        assert_string_equal(hex, ghex);
    }
    aud_sha256_buf(b + 3, big - 3, hex);
    aud_sha256_buf_generic(b + 3, big - 3, ghex);
    assert_string_equal(hex, ghex);
    free(b);
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    aud_sha256_buf_generic(a, 1000000, ghex);
    assert_string_equal(ghex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fips_vectors),
        cmocka_unit_test(padding_and_file),
        cmocka_unit_test(both_paths),
    };
    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
