# A build that breaks docs/architecture.md's table three ways (see tests/CMakeLists.txt).
set(LAYER_TARGETS low;high;extra)
set(LAYER_SOURCES_low low/low.h;low/low.cpp)
set(LAYER_DEPS_low )
set(LAYER_SOURCES_high high/high.h)
set(LAYER_DEPS_high extra)
set(LAYER_SOURCES_extra )
set(LAYER_DEPS_extra )
