/*
 * The commands TTA_TCF_ICA and TTA_TCF_ICA2 share: what TTA_TCF invokes
 * on them to test TA-to-TA sessions.
 */
#ifndef TTA_ICA_H
#define TTA_ICA_H

#include <tee_internal_api.h>
#include <tta_names.h>

/* CMD_ICA_*: TEE_ERROR_BAD_PARAMETERS for any other command. */
TEE_Result tta_ica_cmd(uint32_t cmd, uint32_t types,
		       TEE_Param p[TEE_NUM_PARAMS]);

#endif
