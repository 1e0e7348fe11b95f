// Whether this test binary runs under AddressSanitizer, whichever compiler built it: GCC defines
// __SANITIZE_ADDRESS__, clang answers __has_feature(address_sanitizer). Tests that read glibc's
// allocator books or limit the address space skip themselves there.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define KOPA_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KOPA_ADDRESS_SANITIZER 1
#endif
#endif
