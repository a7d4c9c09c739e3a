/*
 * TTA_TCF_SingleInstanceTA and TTA_TCF_MultipleInstanceTA: the same code,
 * built with different TA_FLAGS. Its instance data (tta_instance.h) shows
 * which sessions share an instance.
 */
#include <tta_instance.h>
#include <tta_entry.h>

static void instance_destroy(void)
{
	TEE_Free(TEE_GetInstanceData());
}

static TEE_Result instance_invoke(void *session, uint32_t cmd,
				  uint32_t types,
				  TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	return tta_instance_cmd(cmd, types, params);
}

const struct tta_entry tta_entry = {
	.destroy = instance_destroy,
	.invoke = instance_invoke,
};
