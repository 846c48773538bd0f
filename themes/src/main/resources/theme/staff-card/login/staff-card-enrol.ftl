<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#--
  Self-service enrolment of a card, in two steps told apart by enrolStep:
  "account", from the card authenticator, asks for username, password and the one-time enrolment code an admin
  gave the staff member;
  "card", from the "Enrol a staff card" required action, has the card sign a fresh challenge through the agent,
  with the same script and the same data-* texts as staff-card-login.ftl, but no password field (the account was
  proven before). The script posts the agent's answer in cardAssertion and the card type the agent reported (jpki
  or piv) in cardProfile.
-->
<#assign scriptMessageKeys = [
    "staffCardStatusChecking", "staffCardStatusStopped", "staffCardSigning",
    "staffCardSignTimeout", "staffCardPasswordRequired", "staffCardChallengeMissing",
    "staffCardAgentNotReachable", "staffCardLocalNetworkBlocked", "staffCardAgentVersionMismatch",
    "staffCardAgentUnknownAnswer", "staffCardPinWrongNoCount",
    "staffCardAgentOriginNotAllowed", "staffCardAgentHostNotAllowed", "staffCardAgentBadRequest",
    "staffCardAgentRequestTooLarge", "staffCardAgentRateLimited", "staffCardAgentBusy",
    "staffCardReaderServiceUnavailable", "staffCardPcscLibraryNotFound", "staffCardNoReader", "staffCardNoCard",
    "staffCardMultipleCards", "staffCardCardUnsupported", "staffCardCardRemoved", "staffCardPinWrong",
    "staffCardPinBlocked", "staffCardPinCancelled", "staffCardCardError"
]>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("staffCardEnrolTitle")}
    <#elseif section = "form">
        <#if (enrolStep!"account") == "card">
            <p class="staff-card-enrol-intro">${msg("staffCardEnrolCardIntro")}</p>
            <div id="staff-card-login" class="staff-card"
                 data-challenge="${cardChallenge!''}"
                 data-agent-ports="${cardAgentPorts!''}"
                 data-staff-card-state-ready="${msg("staffCardEnrolStateReady")}"
                 <#list scriptMessageKeys as key>
                 data-${key?replace("([A-Z])", "-$1", "r")?lower_case}="${msg(key)}"
                 </#list>>
                <div id="staff-card-status" class="staff-card-status" data-state="checking"
                     role="status" aria-live="polite">${msg("staffCardStatusChecking")}</div>

                <p class="staff-card-pin-hint">${msg("staffCardPinHint")}</p>

                <noscript>
                    <p class="staff-card-noscript">${msg("staffCardNoScript")}</p>
                </noscript>

                <div id="staff-card-alert" class="${properties.kcAlertClass!} pf-m-danger" role="alert" hidden>
                    <span id="staff-card-alert-text" class="${properties.kcAlertTitleClass!}"></span>
                </div>

                <form id="staff-card-form" class="${properties.kcFormClass!}" action="${url.loginAction}"
                      method="post" novalidate>
                    <input type="hidden" name="staffcardEnrol" value="card">
                    <input type="hidden" id="cardAssertion" name="cardAssertion" value="">
                    <input type="hidden" id="cardProfile" name="cardProfile" value="">

                    <div class="${properties.kcFormActionGroupClass!}">
                        <button id="staff-card-submit" type="submit"
                                class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                            ${msg("staffCardEnrolSubmit")}
                        </button>
                    </div>
                </form>
            </div>
            <script type="module" src="${url.resourcesPath}/js/staff-card-login.js"></script>
        <#else>
            <p class="staff-card-enrol-intro">${msg("staffCardEnrolIntro")}</p>
            <form id="staff-card-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}"
                  method="post">
                <input type="hidden" name="staffcardEnrol" value="account">
                <@field.input name="username" label=msg("staffCardEnrolUsername") autocomplete="username"
                    autofocus=true />
                <@field.password name="password" label=msg("staffCardPasswordLabel")
                    autocomplete="current-password" />
                <@field.input name="enrolmentCode" label=msg("staffCardEnrolCode") autocomplete="one-time-code" />

                <div class="${properties.kcFormActionGroupClass!}">
                    <button id="staff-card-enrol-continue" type="submit"
                            class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("staffCardEnrolContinue")}
                    </button>
                </div>
            </form>
        </#if>
        <p class="staff-card-enrol-back"><a href="${url.loginRestartFlowUrl}">${msg("staffCardEnrolBack")}</a></p>
    </#if>
</@layout.registrationLayout>
