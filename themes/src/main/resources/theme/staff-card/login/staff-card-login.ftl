<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#--
  The card + password page, and the card-only page. The authenticator sets cardChallenge (43 base64url characters),
  cardAgentPorts ("47130,47131,47132"), cardPasswordField (false on the card-only level, which has no password
  field) and cardStepUp (true when an app asked for more than the staff member's current sign-in gave); the script
  asks the card agent to sign the challenge and posts its answer, unchanged, in the hidden cardAssertion field,
  together with the password when there is one. The PIN is typed in the agent's own window only.
  A second small form below it opens self-service enrolment (staff-card-enrol.ftl) for a staff member's new card.

  The script's texts travel as data-* attributes on #staff-card-login: the message key staffCardNoReader becomes
  data-staff-card-no-reader, which the browser hands back as dataset.staffCardNoReader, the key itself.
  Keycloak renders templates with HTML auto-escaping, so ${msg(key)} is escaped inside an attribute; ?html would
  be refused there, and kcSanitize(...)?no_esc is only for messages that carry markup, which none of ours do.
-->
<#assign scriptMessageKeys = [
    "staffCardStatusChecking", "staffCardStateReady", "staffCardStatusStopped", "staffCardSigning",
    "staffCardSignTimeout", "staffCardPasswordRequired", "staffCardChallengeMissing",
    "staffCardAgentNotReachable", "staffCardLocalNetworkBlocked", "staffCardAgentVersionMismatch",
    "staffCardAgentUnknownAnswer", "staffCardPinWrongNoCount",
    "staffCardAgentOriginNotAllowed", "staffCardAgentHostNotAllowed", "staffCardAgentBadRequest",
    "staffCardAgentRequestTooLarge", "staffCardAgentRateLimited", "staffCardAgentBusy",
    "staffCardReaderServiceUnavailable", "staffCardPcscLibraryNotFound", "staffCardNoReader", "staffCardNoCard",
    "staffCardMultipleCards", "staffCardCardUnsupported", "staffCardCardRemoved", "staffCardPinWrong",
    "staffCardPinBlocked", "staffCardPinCancelled", "staffCardCardError"
]>
<#assign askPassword = cardPasswordField!true>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password'); section>
    <#if section = "header">
        ${msg(askPassword?then("staffCardLoginTitle", "staffCardOnlyLoginTitle"))}
    <#elseif section = "form">
        <div id="staff-card-login" class="staff-card"
             data-challenge="${cardChallenge!''}"
             data-agent-ports="${cardAgentPorts!''}"
             <#list scriptMessageKeys as key>
             <#-- The card-only page is ready without a password, so it tells the script its own ready text. -->
             <#assign text = (key == "staffCardStateReady" && !askPassword)?then("staffCardStateReadyCardOnly", key)>
             data-${key?replace("([A-Z])", "-$1", "r")?lower_case}="${msg(text)}"
             </#list>>
            <div id="staff-card-status" class="staff-card-status" data-state="checking"
                 role="status" aria-live="polite">${msg("staffCardStatusChecking")}</div>

            <#if cardStepUp!false>
                <p id="staff-card-step-up" class="staff-card-step-up">${msg("staffCardStepUpHint")}</p>
            </#if>
            <p class="staff-card-pin-hint">${msg("staffCardPinHint")}</p>

            <noscript>
                <p class="staff-card-noscript">${msg("staffCardNoScript")}</p>
            </noscript>

            <div id="staff-card-alert" class="${properties.kcAlertClass!} pf-m-danger" role="alert" hidden>
                <span id="staff-card-alert-text" class="${properties.kcAlertTitleClass!}"></span>
            </div>

            <form id="staff-card-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                  novalidate>
                <#if askPassword>
                <@field.password name="password" label=msg("staffCardPasswordLabel") autofocus=true
                    autocomplete="current-password" />
                </#if>

                <input type="hidden" id="cardAssertion" name="cardAssertion" value="">

                <div class="${properties.kcFormActionGroupClass!}">
                    <button id="staff-card-submit" type="submit"
                            class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("staffCardSubmit")}
                    </button>
                </div>
            </form>

            <#if askPassword && !(cardStepUp!false)>
            <form id="staff-card-enrol-link" class="staff-card-enrol-link" action="${url.loginAction}" method="post">
                <input type="hidden" name="staffcardEnrol" value="start">
                <button id="staff-card-enrol-start" type="submit" class="${properties.kcButtonLinkClass!}">
                    ${msg("staffCardEnrolLink")}
                </button>
            </form>
            </#if>
        </div>
        <script type="module" src="${url.resourcesPath}/js/staff-card-login.js"></script>
    </#if>
</@layout.registrationLayout>
