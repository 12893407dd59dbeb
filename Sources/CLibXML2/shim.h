#ifndef CHATBILL_CLIBXML2_SHIM_H
#define CHATBILL_CLIBXML2_SHIM_H

// libxml2 for chatbill's HTML and XML parsers.
//
// Debian's libxml2 is built with ICU, and its headers then pull in ICU's `UErrorCode`, which
// Foundation also brings in from its own copy of ICU. A clean build fails with "'UErrorCode' has
// different definitions in different modules" unless the ICU part is switched off here, right
// after xmlversion.h defines it and before anything else includes it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

// Swift 6 rejects C global function-pointer variables such as `xmlFree` as not
// concurrency-safe; this wrapper is a plain function.
static inline void chatbill_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
