# SPDX-License-Identifier: GPL-3.0-or-later
# Compiler flags shared by every Hearth target.

add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
                    -Wcast-align -Woverloaded-virtual -Wnull-dereference)
if(HEARTH_WERROR)
    add_compile_options(-Werror)
endif()

# why: Qt's string literals and narrowing casts are explicit in our code.
add_compile_definitions(QT_NO_CAST_FROM_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
                        QT_NO_KEYWORDS)

# The asan preset compiles with -g1 (line tables only): enough for ASan and UBSan stack traces,
# and quicker to build and link than full debug info.
if(HEARTH_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
