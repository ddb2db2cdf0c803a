// low may not include high: it does not depend on it.
#include "high/high.h"
#include "low/unlisted.h"
