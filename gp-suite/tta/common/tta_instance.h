/*
 * Instance data commands of TTA_TCF_SingleInstanceTA and
 * TTA_TCF_MultipleInstanceTA: a string kept with TEE_SetInstanceData.
 */
#ifndef TTA_INSTANCE_H
#define TTA_INSTANCE_H

#include <tee_internal_api.h>
#include <tta_names.h>

/*
 * CMD_TEE_SetInstanceData [MEMREF_INPUT string with its NUL] and
 * CMD_TEE_GetInstanceData [MEMREF_OUTPUT]: TEE_ERROR_ITEM_NOT_FOUND when
 * the instance has none.
 */
TEE_Result tta_instance_cmd(uint32_t cmd, uint32_t types,
			    TEE_Param p[TEE_NUM_PARAMS]);

#endif
