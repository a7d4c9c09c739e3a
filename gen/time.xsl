<?xml version="1.0" encoding="UTF-8"?>
<!--
  Area "time": GP's Time API suite (TEE Internal Core API), run through
  TTA_Time. Sessions, contexts, threads and cancellation come from the
  client area; this adds the TA's commands.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:gpgen="urn:teecheck:gpgen"
		xmlns:area="urn:teecheck:gpgen:area"
		exclude-result-prefixes="gpgen area">

  <xsl:import href="client.xsl"/>

  <area:area>TEE Internal Core API, Time: system, REE and TA persistent
    time, and waiting, through GP's TTA_Time.</area:area>
  <area:match contains="TimeArithm"/>
  <area:match contains="time"/>

  <!-- Commands that take no parameter: (session, commandID) -> result. -->
  <area:op name="Invoke_GetSystemTime" args="2" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_Simple_Function" args="2" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_GetREETime" args="2" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_SetTAPersistentTime_and_GetTAPersistentTime"
	   args="2" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_SetTAPersistentTime_and_GetTAPersistentTime_Overflow"
	   args="2" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <area:op name="Invoke_GetTAPersistentTime_NotSet_and_SetTAPersistentTime"
	   args="2" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>
  <!-- Invoke_Wait(session, commandID, case) -> result -->
  <area:op name="Invoke_Wait" args="3" expect="required">
    <area:arg pos="1" kind="session" effect="use"/>
  </area:op>

  <xsl:template match="operation[@name = 'Invoke_Simple_Function' or
		       @name = 'Invoke_GetSystemTime' or
		       @name = 'Invoke_GetREETime' or
		       @name = 'Invoke_SetTAPersistentTime_and_GetTAPersistentTime' or
		       @name = 'Invoke_SetTAPersistentTime_and_GetTAPersistentTime_Overflow' or
		       @name = 'Invoke_GetTAPersistentTime_NotSet_and_SetTAPersistentTime']">
    <xsl:call-template name="expect-call">
      <xsl:with-param name="fn" select="'gp_tta_invoke'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The case is value parameter 0's a. -->
  <xsl:template match="operation[@name = 'Invoke_Wait']">
    <xsl:text>GP_EXPECT_RESULT(</xsl:text>
    <xsl:value-of select="@gpgen:expected"/>
    <xsl:text>, gp_tta_invoke_value(</xsl:text>
    <xsl:call-template name="args"/>
    <xsl:text>, 0));</xsl:text>
  </xsl:template>

</xsl:stylesheet>
