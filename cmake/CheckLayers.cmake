# SPDX-License-Identifier: GPL-3.0-or-later
# The layer check (CTest `layers`):
#   cmake -DROOT=<repo> -DMANIFEST=<build>/layers.cmake -P cmake/CheckLayers.cmake
# 1. The layer table in ROOT/docs/architecture.md (between `<!-- layers:begin -->` and
#    `<!-- layers:end -->`) names every product target and exactly the product targets it links.
# 2. Every #include "…" of a repository file is of a file of the same target or of a target it
#    depends on (directly or through its dependencies), and every included file belongs to a
#    target. Generated files (*.moc) are not in the repository and are not checked.
# Prints every violation, then fails.

cmake_policy(VERSION 3.25)
if(NOT DEFINED ROOT OR NOT DEFINED MANIFEST)
    message(FATAL_ERROR "usage: cmake -DROOT=<repo> -DMANIFEST=<layers.cmake> -P CheckLayers.cmake")
endif()
include(${MANIFEST})
set(errors "")

# --- the table -----------------------------------------------------------------------------
file(READ ${ROOT}/docs/architecture.md doc)
string(REGEX MATCH "<!-- layers:begin -->(.*)<!-- layers:end -->" table "${doc}")
if(NOT table)
    message(FATAL_ERROR "docs/architecture.md has no layer table (<!-- layers:begin --> … end)")
endif()
string(REPLACE "\n" ";" rows "${CMAKE_MATCH_1}")
set(table_targets "")
foreach(row IN LISTS rows)
    # | `target` | what | `dep`, `dep` |   (the first backticked cell is the target, the last
    # cell lists what it links; "—" for nothing)
    if(NOT row MATCHES "^\\|[ ]*`([^`]+)`[ ]*\\|.*\\|([^|]*)\\|[ ]*$")
        continue()
    endif()
    set(target ${CMAKE_MATCH_1})
    string(REGEX MATCHALL "`[^`]+`" deps "${CMAKE_MATCH_2}")
    list(TRANSFORM deps REPLACE "`" "")
    list(APPEND table_targets ${target})
    set(table_deps_${target} ${deps})
endforeach()

foreach(target IN LISTS LAYER_TARGETS)
    if(NOT target IN_LIST table_targets)
        list(APPEND errors "${target} is missing from the layer table in docs/architecture.md")
        continue()
    endif()
    set(built ${LAYER_DEPS_${target}})
    set(documented ${table_deps_${target}})
    list(SORT built)
    list(SORT documented)
    if(NOT "${built}" STREQUAL "${documented}")
        string(REPLACE ";" ", " built "${built}")
        string(REPLACE ";" ", " documented "${documented}")
        list(APPEND errors "${target} links [${built}] but docs/architecture.md says [${documented}]")
    endif()
endforeach()

# --- who owns which file, and what each target may include ---------------------------------
foreach(target IN LISTS LAYER_TARGETS)
    foreach(source IN LISTS LAYER_SOURCES_${target})
        string(MAKE_C_IDENTIFIER "${source}" key)
        if(DEFINED owner_${key} AND NOT owner_${key} STREQUAL target)
            list(APPEND errors "${source} is a source of both ${owner_${key}} and ${target}")
        endif()
        set(owner_${key} ${target})
    endforeach()
endforeach()

foreach(target IN LISTS LAYER_TARGETS)
    set(closure ${target})
    set(queue ${LAYER_DEPS_${target}})
    while(queue)
        list(POP_FRONT queue next)
        if(NOT next IN_LIST closure)
            list(APPEND closure ${next})
            list(APPEND queue ${LAYER_DEPS_${next}})
        endif()
    endwhile()
    set(closure_${target} ${closure})
endforeach()

# --- the includes ----------------------------------------------------------------------------
set(checked 0)
foreach(target IN LISTS LAYER_TARGETS)
    foreach(source IN LISTS LAYER_SOURCES_${target})
        file(STRINGS ${ROOT}/${source} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
        cmake_path(GET source PARENT_PATH here)
        foreach(line IN LISTS lines)
            string(REGEX MATCH "\"([^\"]+)\"" _ "${line}")
            set(included ${CMAKE_MATCH_1})
            if(EXISTS ${ROOT}/${here}/${included} AND NOT EXISTS ${ROOT}/${included})
                cmake_path(APPEND here ${included} OUTPUT_VARIABLE included)
                cmake_path(NORMAL_PATH included)
            elseif(NOT EXISTS ${ROOT}/${included})
                continue() # generated (moc, autogen): not a layer question
            endif()
            math(EXPR checked "${checked} + 1")
            string(MAKE_C_IDENTIFIER "${included}" key)
            if(NOT DEFINED owner_${key})
                list(APPEND errors "${source} includes ${included}, which no target lists")
            elseif(NOT owner_${key} IN_LIST closure_${target})
                set(owner ${owner_${key}})
                list(APPEND errors
                     "${source} (${target}) includes ${included} of ${owner}, not a dependency")
            endif()
        endforeach()
    endforeach()
endforeach()

list(LENGTH LAYER_TARGETS target_count)
if(errors)
    list(JOIN errors "\n  " text)
    message(FATAL_ERROR "layer check failed:\n  ${text}")
endif()
message(STATUS "layers: ${target_count} targets, ${checked} includes, all allowed")
