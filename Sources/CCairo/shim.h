// Cairo draws the PDF exports (text through fontconfig and FreeType with Noto Sans CJK, so
// Chinese renders and can be extracted). It comes from Debian's libcairo2-dev
// (scripts/install-system-packages.sh installs it).
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
