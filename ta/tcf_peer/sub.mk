global-incdirs-y += include
srcs-y += tcf_peer.c
