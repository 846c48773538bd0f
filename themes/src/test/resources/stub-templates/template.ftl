<#-- Stands in for keycloak.v2's template.ftl: the same macro signature, only the sections the page fills. -->
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<html><body>
<h1 id="kc-page-title"><#nested "header"></h1>
<#if displayMessage && message?has_content><div class="alert">${message.summary}</div></#if>
<#nested "form">
</body></html>
</#macro>
