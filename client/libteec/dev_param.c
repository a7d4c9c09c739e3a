/*
 * The dev backend's encoding: GP login methods, parameter types and memref
 * directions as the attributes and fields of <linux/tee.h>.
 */
#include <string.h>

#include "dev_priv.h"

TEEC_Result dev_login_encode(uint32_t method, const void *data,
			     uint32_t *login, uint8_t clnt_uuid[16])
{
	uint32_t gid;

	memset(clnt_uuid, 0, 16);
	switch (method) {
	case TEEC_LOGIN_PUBLIC:
		*login = TEE_IOCTL_LOGIN_PUBLIC;
		return TEEC_SUCCESS;
	case TEEC_LOGIN_USER:
		*login = TEE_IOCTL_LOGIN_USER;
		return TEEC_SUCCESS;
	case TEEC_LOGIN_APPLICATION:
		*login = TEE_IOCTL_LOGIN_APPLICATION;
		return TEEC_SUCCESS;
	case TEEC_LOGIN_USER_APPLICATION:
		*login = TEE_IOCTL_LOGIN_USER_APPLICATION;
		return TEEC_SUCCESS;
	case TEEC_LOGIN_GROUP:
	case TEEC_LOGIN_GROUP_APPLICATION:
		/*
		 * The group travels in clnt_uuid's first bytes, in the
		 * kernel's byte order; the driver checks membership and
		 * computes the identity from it.
		 */
		if (!data)
			return TEEC_ERROR_BAD_PARAMETERS;
		memcpy(&gid, data, sizeof(gid));
		memcpy(clnt_uuid, &gid, sizeof(gid));
		*login = method == TEEC_LOGIN_GROUP ?
			 TEE_IOCTL_LOGIN_GROUP :
			 TEE_IOCTL_LOGIN_GROUP_APPLICATION;
		return TEEC_SUCCESS;
	default:
		return TEEC_ERROR_BAD_PARAMETERS;
	}
}

uint64_t dev_value_attr(uint32_t teec_type)
{
	switch (teec_type) {
	case TEEC_VALUE_INPUT:
		return TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	case TEEC_VALUE_OUTPUT:
		return TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	case TEEC_VALUE_INOUT:
		return TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	default:
		return TEE_IOCTL_PARAM_ATTR_TYPE_NONE;
	}
}

uint64_t dev_memref_attr(uint32_t mem_flags)
{
	switch (mem_flags & (TEEC_MEM_INPUT | TEEC_MEM_OUTPUT)) {
	case TEEC_MEM_INPUT:
		return TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	case TEEC_MEM_OUTPUT:
		return TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	case TEEC_MEM_INPUT | TEEC_MEM_OUTPUT:
		return TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
	default:
		return TEE_IOCTL_PARAM_ATTR_TYPE_NONE;
	}
}

uint32_t dev_memref_dir(uint32_t teec_type, const TEEC_SharedMemory *parent)
{
	switch (teec_type) {
	case TEEC_MEMREF_TEMP_INPUT:
	case TEEC_MEMREF_PARTIAL_INPUT:
		return TEEC_MEM_INPUT;
	case TEEC_MEMREF_TEMP_OUTPUT:
	case TEEC_MEMREF_PARTIAL_OUTPUT:
		return TEEC_MEM_OUTPUT;
	case TEEC_MEMREF_TEMP_INOUT:
	case TEEC_MEMREF_PARTIAL_INOUT:
		return TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	case TEEC_MEMREF_WHOLE:
		return parent ? parent->flags &
				(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT) : 0;
	default:
		return 0;
	}
}
