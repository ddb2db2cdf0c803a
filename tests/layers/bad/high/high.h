#include "low/low.h"
#include "generated.moc"
