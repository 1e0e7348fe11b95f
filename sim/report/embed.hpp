#pragma once
// Files built into the binary: each becomes a read-only symbol pair (begin, end) by the
// assembler's .incbin: no generated source, no escaping, and the build (OBJECT_DEPENDS in
// sim/CMakeLists.txt) recompiles the embedding file when one changes. KOPA_EMBED names a file
// of the source tree's web/ folder (KOPA_WEB_DIR), KOPA_EMBED_PATH any absolute path.
#include <string_view>

#define KOPA_EMBED_PATH(symbol, path)       \
  asm(".section .rodata\n"                  \
      ".balign 16\n"                        \
      ".global " #symbol "_begin\n" #symbol \
      "_begin:\n"                           \
      ".incbin \"" path                     \
      "\"\n"                                \
      ".global " #symbol "_end\n" #symbol   \
      "_end:\n"                             \
      ".byte 0\n"                           \
      ".previous\n");                       \
  extern "C" const char symbol##_begin[];   \
  extern "C" const char symbol##_end[];

#define KOPA_EMBED(symbol, file) KOPA_EMBED_PATH(symbol, KOPA_WEB_DIR "/" file)

namespace kopa::report {

// The text between an embedded file's two symbols.
constexpr std::string_view embedded_text(const char* begin, const char* end) {
  return {begin, static_cast<std::size_t>(end - begin)};
}

}  // namespace kopa::report
