// Cairo draws PDF pages; Pango lays out text with real fonts (Noto Sans CJK for Chinese), so
// exported PDFs render and extract Chinese text. Both come from Debian's libcairo2-dev and
// libpango1.0-dev (scripts/install-system-packages.sh installs them).
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <pango/pangocairo.h>
