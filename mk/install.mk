# `make install PREFIX=/usr/local DESTDIR=`: what a system gets to run TEE
# clients against the bundled core and to build TAs, laid out as optee_client
# and an OP-TEE dev kit are: the Client API headers, libteec (shared with
# its soname link, and static) with teec.pc, tee-core with its TA host and
# tee-supplicant, and the exported TA dev kit.

PREFIX		?= /usr/local
DESTDIR		?=
BINDIR		?= $(PREFIX)/bin
LIBDIR		?= $(PREFIX)/lib
INCLUDEDIR	?= $(PREFIX)/include
DATADIR		?= $(PREFIX)/share
# The dev kit a TA's build points TA_DEV_KIT_DIR at.
TA_KIT_INSTALL_DIR ?= $(DATADIR)/teecheck/$(notdir $(TA_KIT))

INSTALL_HEADERS	:= tee_client_api.h teecheck/teec_ext.h \
		   teecheck/pager_stats.h
# tee-core finds ta-host beside itself.
INSTALL_PROGRAMS := tee-core ta-host tee-supplicant

.PHONY: install

# teec.pc is written at install time: it names where the files go.
TEEC_PC_LINES	:= 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
		   'includedir=$(INCLUDEDIR)' '' 'Name: teec' \
		   'Description: GlobalPlatform TEE Client API (teecheck libteec)' \
		   'Version: $(LIBTEEC_SO_VERSION)' 'Libs: -L$${libdir} -lteec' \
		   'Libs.private: -lpthread' 'Cflags: -I$${includedir}'

install: all
	$(Q)d='$(DESTDIR)'; \
	install -d "$$d$(BINDIR)" "$$d$(LIBDIR)/pkgconfig" \
		"$$d$(INCLUDEDIR)/teecheck" "$$d$(TA_KIT_INSTALL_DIR)" && \
	for p in $(INSTALL_PROGRAMS); do \
		install -m 755 $(OUT)/bin/$$p "$$d$(BINDIR)/" || exit 1; \
	done && \
	for h in $(INSTALL_HEADERS); do \
		install -m 644 include/$$h "$$d$(INCLUDEDIR)/$$h" || exit 1; \
	done && \
	install -m 755 $(LIBTEEC_SO) "$$d$(LIBDIR)/" && \
	ln -sfn $(notdir $(LIBTEEC_SO)) "$$d$(LIBDIR)/libteec.so.1" && \
	ln -sfn libteec.so.1 "$$d$(LIBDIR)/libteec.so" && \
	install -m 644 $(OUT)/lib/libteec.a "$$d$(LIBDIR)/" && \
	printf '%s\n' $(TEEC_PC_LINES) > "$$d$(LIBDIR)/pkgconfig/teec.pc" && \
	cp -R $(TA_KIT)/. "$$d$(TA_KIT_INSTALL_DIR)/" && \
	chmod 600 "$$d$(TA_KIT_INSTALL_DIR)/keys/default_ta.pem"
