<?xml version="1.0" encoding="UTF-8"?>
<!--
  Area "tcf": GP's Trusted Core Framework suite (TEE Internal Core API),
  run through TTA_TCF and its sibling TAs. Sessions, contexts and memory
  come from the client area; this adds the TAs' commands.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:gpgen="urn:teecheck:gpgen"
		xmlns:area="urn:teecheck:gpgen:area"
		exclude-result-prefixes="gpgen area">

  <xsl:import href="client.xsl"/>

  <area:area>TEE Internal Core API, Trusted Core Framework: properties,
    panics, instance data, memory functions, TA-to-TA sessions and
    cancellation, through GP's TCF test TAs.</area:area>
  <area:match contains="Internal_API"/>
  <area:match contains="TrustedCoreFw"/>
  <area:match contains="tcf"/>

  <!-- Invoke_Simple_Function(session, commandID) -> result -->
  <area:op name="Invoke_Simple_Function" args="2" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_MemFill(session, commandID, size, fillByte) -> result -->
  <area:op name="Invoke_MemFill" args="4" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_SetInstanceData(session, commandID, string) -> result -->
  <area:op name="Invoke_SetInstanceData" args="3" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_GetInstanceData(session, commandID, expectedString) -> result -->
  <area:op name="Invoke_GetInstanceData" args="3" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>

  <!-- A property enumerator of TTA_TCF, as the handle the TA answers. -->
  <area:kind name="enumerator" prefix="ENUMERATOR" type="uint32_t" init="0"/>

  <!-- Commands whose parameters are value inputs (a of 0, 1, ...):
       (session, commandID, value...) -> result -->
  <area:op name="Invoke_Malloc" args="4" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_Realloc" args="4" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_MemMove" args="3" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_Free" args="3" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_StartPropertyEnumerator" args="4" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_GetPropertyAsXXXX_fromEnum" args="4" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_ResetPropertyEnumerator" args="3" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_FreePropertyEnumerator" args="3" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_GetNextProperty_enumNotStarted" args="3"
	   expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_MemCompare(session, commandID, size, case, result) -->
  <area:op name="Invoke_MemCompare" args="5" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_CheckMemoryAccessRight(session, commandID, memref type,
       access flags) -->
  <area:op name="Invoke_CheckMemoryAccessRight" args="4" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_GetPropertyAs*_withoutEnum(session, commandID, propSet, name,
       kindBuffer, expectedValue) -->
  <area:op prefix="Invoke_GetPropertyAs" args="6" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_AllocatePropertyEnumerator(session, commandID, enumerator) -->
  <area:op name="Invoke_AllocatePropertyEnumerator" args="3"
	   expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_GetPropertyName(session, commandID, enumerator, name,
       kindBuffer) -->
  <area:op name="Invoke_GetPropertyName" args="5" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_ProcessInvokeTAOpenSession(session, commandID, case, UUID,
       returnOrigin) -->
  <area:op name="Invoke_ProcessInvokeTAOpenSession" args="5"
	   expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>

  <xsl:template match="operation[@name = 'Invoke_Simple_Function']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'gp_tta_invoke'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'Invoke_MemFill']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'gp_tcf_mem_fill'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'Invoke_SetInstanceData']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'gp_tcf_set_instance_data'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'Invoke_GetInstanceData']">
    <xsl:text>GP_EXPECT_RESULT(</xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>, gp_tcf_get_instance_data(__FILE__, __LINE__, </xsl:text>
    <xsl:call-template name="args"/>
    <xsl:text>));</xsl:text>
  </xsl:template>

  <!-- The value inputs after the command ID, as an array. -->
  <xsl:template match="operation[@name = 'Invoke_Malloc' or
		       @name = 'Invoke_Realloc' or
		       @name = 'Invoke_MemMove' or
		       @name = 'Invoke_Free' or
		       @name = 'Invoke_StartPropertyEnumerator' or
		       @name = 'Invoke_GetPropertyAsXXXX_fromEnum' or
		       @name = 'Invoke_ResetPropertyEnumerator' or
		       @name = 'Invoke_FreePropertyEnumerator' or
		       @name = 'Invoke_GetNextProperty_enumNotStarted']">
    <xsl:text>GP_EXPECT_RESULT(</xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>, gp_tta_invoke_values(</xsl:text>
    <xsl:call-template name="args">
      <xsl:with-param name="to" select="2"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="number(@gpgen:nargs) - 2"/>
    <xsl:text>, (const uint32_t[]){ </xsl:text>
    <xsl:call-template name="args">
      <xsl:with-param name="from" select="3"/>
    </xsl:call-template>
    <xsl:text> }));</xsl:text>
  </xsl:template>

  <!-- Steps that check what comes back report at the XML line. -->
  <xsl:template name="checked-call">
    <xsl:param name="fn"/>
    <xsl:text>GP_EXPECT_RESULT(</xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="$fn"/>
    <xsl:text>(__FILE__, __LINE__, </xsl:text>
    <xsl:call-template name="args"/>
    <xsl:text>));</xsl:text>
  </xsl:template>

  <xsl:template match="operation[@name = 'Invoke_MemCompare']">
    <xsl:call-template name="checked-call">
      <xsl:with-param name="fn" select="'gp_tcf_mem_compare'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[starts-with(@name, 'Invoke_GetPropertyAs') and
		       @name != 'Invoke_GetPropertyAsXXXX_fromEnum']">
    <xsl:call-template name="checked-call">
      <xsl:with-param name="fn" select="'gp_tcf_get_property'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'Invoke_GetPropertyName']">
    <xsl:call-template name="checked-call">
      <xsl:with-param name="fn" select="'gp_tcf_get_property_name'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="operation[@name = 'Invoke_CheckMemoryAccessRight']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'gp_tcf_check_access'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The enumerator is an output: its handle lands in the variable. -->
  <xsl:template match="operation[@name = 'Invoke_AllocatePropertyEnumerator']">
    <xsl:text>GP_EXPECT_RESULT(</xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>, gp_tcf_allocate_enumerator(</xsl:text>
    <xsl:call-template name="args">
      <xsl:with-param name="to" select="2"/>
    </xsl:call-template>
    <xsl:text>, &amp;</xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="3"/></xsl:call-template>
    <xsl:text>));</xsl:text>
  </xsl:template>

  <xsl:template match="operation[@name = 'Invoke_ProcessInvokeTAOpenSession']">
    <xsl:text>GP_EXPECT_RESULT(</xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>, gp_tcf_ta_open_session(__FILE__, __LINE__, </xsl:text>
    <xsl:call-template name="args">
      <xsl:with-param name="to" select="4"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="origin"><xsl:with-param name="n" select="5"/></xsl:call-template>
    <xsl:text>, "</xsl:text>
    <xsl:call-template name="arg"><xsl:with-param name="n" select="5"/></xsl:call-template>
    <xsl:text>"));</xsl:text>
  </xsl:template>

</xsl:stylesheet>
