/*
 * The dev backend's failures that are not the TEE's: errno values from
 * opening the device and from its ioctls, as the TEEC results a client sees.
 * A result the TEE or the TA produced comes back in the ioctl's argument
 * (ret, ret_origin) and reaches the client unchanged; these are only for an
 * ioctl that itself failed, and their origin is TEEC_ORIGIN_COMMS.
 */
#include <errno.h>

#include "dev_priv.h"

TEEC_Result dev_open_errno(int err)
{
	switch (err) {
	case ENOENT:
	case ENXIO:
	case ENODEV:
	case ENOTDIR:
		return TEEC_ERROR_ITEM_NOT_FOUND;
	case EACCES:
	case EPERM:
	case EROFS:
		return TEEC_ERROR_ACCESS_DENIED;
	case ENOMEM:
	case EMFILE:
	case ENFILE:
		return TEEC_ERROR_OUT_OF_MEMORY;
	case EBUSY:
		return TEEC_ERROR_BUSY;
	default:
		return TEEC_ERROR_GENERIC;
	}
}

TEEC_Result dev_ioctl_errno(int err)
{
	switch (err) {
	case EINVAL:
	case EFAULT:
	case E2BIG:
		return TEEC_ERROR_BAD_PARAMETERS;
	case ENOMEM:
	case ENOSPC:
	case EMFILE:
	case ENFILE:
		return TEEC_ERROR_OUT_OF_MEMORY;
	case EBUSY:
	case EAGAIN:
		return TEEC_ERROR_BUSY;
	case ENOTTY:
	case ENOSYS:
	case EOPNOTSUPP:
		return TEEC_ERROR_NOT_SUPPORTED;
	case EPERM:
	case EACCES:
		return TEEC_ERROR_ACCESS_DENIED;
	case ENODEV:
	case ENXIO:
	case ENOENT:
		return TEEC_ERROR_ITEM_NOT_FOUND;
	case EINTR:
		return TEEC_ERROR_CANCEL;
	default:
		return TEEC_ERROR_COMMUNICATION;
	}
}
