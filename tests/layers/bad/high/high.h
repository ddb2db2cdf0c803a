#include "generated.moc"
#include "low/low.h"
