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

  <area:area>TEE Internal Core API, Trusted Core Framework: panics,
    instance data, memory functions, through GP's TCF test TAs.</area:area>
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

</xsl:stylesheet>
