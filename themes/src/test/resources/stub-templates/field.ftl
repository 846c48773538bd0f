<#-- Stands in for keycloak.v2's field.ftl: writes the input the way the real password macro names it. -->
<#macro password name label value="" required=false forgotPassword=false fieldName=name
        error=messagesPerField.get(fieldName) autocomplete="off" autofocus=false>
<label for="${name}">${label}</label>
<input id="${name}" name="${name}" value="${value}" type="password" autocomplete="${autocomplete}"<#if autofocus>
 autofocus</#if>>
<#if error?has_content><span class="error">${error}</span></#if>
</#macro>
<#-- Stands in for keycloak.v2's input macro: the same parameters, a plain text input. -->
<#macro input name label value="" required=false autocomplete="off" fieldName=name
        error=messagesPerField.get(fieldName) autofocus=false>
<label for="${name}">${label}</label>
<input id="${name}" name="${name}" value="${value}" type="text" autocomplete="${autocomplete}"<#if autofocus>
 autofocus</#if>>
</#macro>
