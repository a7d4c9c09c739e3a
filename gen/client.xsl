<?xml version="1.0" encoding="UTF-8"?>
<!--
  Area "client": GP's TEE Client API suite. The area: elements are gpgen's
  table (read by the sequencing check, ignored by XSLT); the templates write
  one line of C per operation. The tcf and time areas import this one.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:gpgen="urn:teecheck:gpgen"
		xmlns:area="urn:teecheck:gpgen:area"
		exclude-result-prefixes="gpgen area">

  <xsl:import href="common.xsl"/>

  <area:area>TEE Client API: contexts, sessions, shared memory, operations,
    cancellation.</area:area>
  <area:match file="TEE.xml"/>
  <area:match contains="client"/>

  <!-- Results that mean a create step really created something. -->
  <area:success value="TEEC_SUCCESS"/>
  <area:success value="TEE_SUCCESS"/>

  <!-- Parameter types through which an operation refers to shared memory. -->
  <area:memref-type value="TEEC_MEMREF_WHOLE"/>
  <area:memref-type value="TEEC_MEMREF_PARTIAL_INPUT"/>
  <area:memref-type value="TEEC_MEMREF_PARTIAL_OUTPUT"/>
  <area:memref-type value="TEEC_MEMREF_PARTIAL_INOUT"/>

  <area:kind name="context" prefix="CONTEXT" type="TEEC_Context"
	     created="initialized" destroyed="finalized" live="initialized"
	     release="FinalizeContext"/>
  <area:kind name="session" prefix="SESSION" type="TEEC_Session"
	     parent="context" created="opened" destroyed="closed" live="open"
	     release="CloseSession"/>
  <area:kind name="shared memory" prefix="SHARE_MEM SHARE_MEMORY"
	     type="TEEC_SharedMemory" parent="context" created="allocated"
	     destroyed="released" live="allocated"
	     release="ReleaseSharedMemory"/>
  <area:kind name="temporary memory" prefix="TEMP_MEM" type="void *"
	     init="NULL" created="allocated" destroyed="released"
	     live="allocated" release="ReleaseTempMemory"/>
  <area:kind name="operation" prefix="OPERATION" type="TEEC_Operation"
	     slots="4"/>
  <area:kind name="thread" prefix="THREAD" type="struct gp_thread"
	     created="started" destroyed="joined" live="running"
	     release="JoinThread" at-end="error"/>

  <area:op name="InitializeContext" args="2" expect="required">
    <area:arg pos="2" kind="context" effect="create"/>
  </area:op>
  <area:op name="FinalizeContext" args="1">
    <area:arg pos="1" kind="context" effect="destroy"/>
  </area:op>
  <area:op name="OpenSession" args="7" expect="required">
    <area:arg pos="1" kind="context" effect="use" parent="yes"/>
    <area:arg pos="2" kind="session" effect="create"/>
    <area:arg pos="6" kind="operation" effect="pass"/>
  </area:op>
  <area:op name="CloseSession" args="1">
    <area:arg pos="1" kind="session" effect="destroy"/>
  </area:op>
  <area:op name="InvokeCommand" args="4" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
    <area:arg pos="3" kind="operation" effect="pass"/>
  </area:op>
  <area:op name="RequestCancellation" args="1"/>
  <area:op name="AllocateSharedMemory" args="4" expect="required">
    <area:arg pos="1" kind="context" effect="use" parent="yes"/>
    <area:arg pos="2" kind="shared memory" effect="create"/>
  </area:op>
  <area:op name="RegisterSharedMemory" args="4" expect="required">
    <area:arg pos="1" kind="context" effect="use" parent="yes"/>
    <area:arg pos="2" kind="shared memory" effect="create"/>
  </area:op>
  <area:op name="ReleaseSharedMemory" args="1">
    <area:arg pos="1" kind="shared memory" effect="destroy"/>
  </area:op>
  <area:op name="AllocateTempMemory" args="2">
    <area:arg pos="1" kind="temporary memory" effect="create"/>
  </area:op>
  <area:op name="ReleaseTempMemory" args="1">
    <area:arg pos="1" kind="temporary memory" effect="destroy"/>
  </area:op>
  <area:op name="PARAM_TYPES" args="5">
    <area:arg pos="1" kind="operation" effect="types" first="2"/>
  </area:op>
  <area:op name="prepare_OperationEachParameter_value" args="4">
    <area:arg pos="1" kind="operation" effect="unbind" slot="2"/>
  </area:op>
  <area:op name="prepare_OperationEachParameter_memref" args="5">
    <area:arg pos="1" kind="operation" effect="bind" slot="2" ref="3"/>
    <area:arg pos="3" kind="shared memory" effect="use"/>
  </area:op>
  <area:op name="prepare_OperationEachParameter_tmpref" args="4">
    <area:arg pos="1" kind="operation" effect="unbind" slot="2"/>
    <area:arg pos="3" kind="temporary memory" effect="use"/>
  </area:op>
  <area:op name="defineMemoryContent_sharedMemory" args="3">
    <area:arg pos="1" kind="shared memory" effect="use"/>
  </area:op>
  <area:op name="checkMemoryContent_sharedMemory" args="5">
    <area:arg pos="3" kind="shared memory" effect="use"/>
  </area:op>
  <area:op name="checkContent_Parameter_value" args="4"/>
  <area:op name="defineMemoryContent_tmpMemory" args="3">
    <area:arg pos="1" kind="temporary memory" effect="use"/>
  </area:op>
  <area:op name="checkMemoryContent_tmpMemory" args="5">
    <area:arg pos="3" kind="temporary memory" effect="use"/>
  </area:op>
  <area:op name="StartThread_InvokeCommand" args="4">
    <area:arg pos="1" kind="thread" effect="create"/>
    <area:arg pos="2" kind="session" effect="use"/>
    <area:arg pos="4" kind="operation" effect="pass"/>
  </area:op>
  <area:op name="JoinThread" args="2" expect="required">
    <area:arg pos="1" kind="thread" effect="destroy"/>
  </area:op>
  <!-- Sleep(milliseconds): the client waits, e.g. for a command started on
       a thread to reach the TA before it cancels it. -->
  <area:op name="Sleep" args="1"/>
  <area:op name="SetUp_TEE" args="0"/>
  <area:op name="TearDown_TEE" args="1"/>
  <area:op name="SelectApp" args="2"/>

  <!-- InitializeContext(name, context) -> result -->
  <xsl:template match="operation[@name = 'InitializeContext']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'GP_INITIALIZE_CONTEXT'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'FinalizeContext']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'gp_finalize_context'"/>
    </xsl:call-template>
  </xsl:template>

  <!--
    OpenSession(context, session, destination, connectionMethod,
                connectionData, operation, returnOrigin) -> result
  -->
  <xsl:template match="operation[@name = 'OpenSession']">
    <xsl:text>GP_OPEN_SESSION(</xsl:text>
    <xsl:call-template name="args">
      <xsl:with-param name="to" select="6"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="origin"><xsl:with-param name="n" select="7"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>);</xsl:text>
  </xsl:template>

  <xsl:template match="operation[@name = 'CloseSession']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'gp_close_session'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- InvokeCommand(session, commandID, operation, returnOrigin) -> result -->
  <xsl:template match="operation[@name = 'InvokeCommand']">
    <xsl:text>GP_INVOKE(</xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="1"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="2"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="3"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="origin"><xsl:with-param name="n" select="4"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>);</xsl:text>
  </xsl:template>

  <xsl:template match="operation[@name = 'RequestCancellation']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'TEEC_RequestCancellation'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- (Allocate|Register)SharedMemory(context, shm, size, flags) -> result -->
  <xsl:template match="operation[@name = 'AllocateSharedMemory']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'GP_ALLOCATE_SHM'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'RegisterSharedMemory']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'GP_REGISTER_SHM'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'ReleaseSharedMemory']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'gp_release_shm'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- AllocateTempMemory(buffer, size) -->
  <xsl:template match="operation[@name = 'AllocateTempMemory']">
    <xsl:call-template name="arg"><xsl:with-param name="n" select="1"/></xsl:call-template>
    <xsl:text> = GP_ALLOC_TEMP(</xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="2"/></xsl:call-template>
    <xsl:text>);</xsl:text>
  </xsl:template>

  <xsl:template match="operation[@name = 'ReleaseTempMemory']">
    <xsl:text>gp_free_temp(&amp;</xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="1"/></xsl:call-template>
    <xsl:text>);</xsl:text>
  </xsl:template>

  <!-- PARAM_TYPES(operation, type0, type1, type2, type3) -->
  <xsl:template match="operation[@name = 'PARAM_TYPES']">
    <xsl:call-template name="arg"><xsl:with-param name="n" select="1"/></xsl:call-template>
    <xsl:text>->paramTypes = TEEC_PARAM_TYPES(</xsl:text>
    <xsl:call-template name="args">
      <xsl:with-param name="from" select="2"/>
    </xsl:call-template>
    <xsl:text>);</xsl:text>
  </xsl:template>

  <!-- prepare_OperationEachParameter_value(operation, n, a, b) -->
  <xsl:template match="operation[@name = 'prepare_OperationEachParameter_value']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_SET_VALUE'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- prepare_OperationEachParameter_memref(operation, n, shm, offset, size) -->
  <xsl:template match="operation[@name = 'prepare_OperationEachParameter_memref']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_SET_MEMREF'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- prepare_OperationEachParameter_tmpref(operation, n, buffer, size) -->
  <xsl:template match="operation[@name = 'prepare_OperationEachParameter_tmpref']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_SET_TMPREF'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- defineMemoryContent_sharedMemory(shm, value, size) -->
  <xsl:template match="operation[@name = 'defineMemoryContent_sharedMemory']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_FILL_SHM'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- checkMemoryContent_sharedMemory(operation, n, shm, value, size) -->
  <xsl:template match="operation[@name = 'checkMemoryContent_sharedMemory']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_CHECK_SHM'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- defineMemoryContent_tmpMemory(buffer, value, size) -->
  <xsl:template match="operation[@name = 'defineMemoryContent_tmpMemory']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_FILL_TEMP'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- checkMemoryContent_tmpMemory(operation, n, buffer, value, size) -->
  <xsl:template match="operation[@name = 'checkMemoryContent_tmpMemory']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_CHECK_TEMP'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- checkContent_Parameter_value(operation, n, a, b) -->
  <xsl:template match="operation[@name = 'checkContent_Parameter_value']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_CHECK_VALUE'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- StartThread_InvokeCommand(thread, session, commandID, operation) -->
  <xsl:template match="operation[@name = 'StartThread_InvokeCommand']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'GP_THREAD_START_INVOKE'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- JoinThread(thread, returnOrigin) -> result of the thread's invoke -->
  <xsl:template match="operation[@name = 'JoinThread']">
    <xsl:text>GP_THREAD_JOIN(</xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="1"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="origin"><xsl:with-param name="n" select="2"/></xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>);</xsl:text>
  </xsl:template>

  <xsl:template match="operation[@name = 'Sleep']">
    <xsl:call-template name="plain-call">
      <xsl:with-param name="fn" select="'gp_sleep_ms'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'SetUp_TEE' or @name = 'TearDown_TEE']">
    <xsl:call-template name="nothing">
      <xsl:with-param name="why" select="'xtest starts and stops the TEE'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'SelectApp']">
    <xsl:call-template name="nothing">
      <xsl:with-param name="why" select="'the client application is this case'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
