package org.staffcard.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateMethodModelEx;
import org.junit.jupiter.api.Test;

/**
 * The page template, read as text and rendered by FreeMarker with Keycloak's HTML auto-escaping. The parent
 * theme's template.ftl and field.ftl are replaced by small stand-ins in src/test/resources/stub-templates.
 */
class LoginTemplateTest {

    private static final String CHALLENGE = "q3Vx0l8m2bYt7kP1sZfW9aQeR4nH6uJcD5gL0oVyT2E";
    private static final String LOGIN_ACTION =
            "https://sso.example.lg.jp/realms/staff/login-actions/authenticate?session_code=abc&execution=x1";

    @Test
    void templateHasNoPinField() {
        String template = LoginThemeSources.read(LoginThemeSources.TEMPLATE);

        assertThat(template).doesNotContainPattern("(?i)name\\s*=\\s*\"pin\"");
        assertThat(template).doesNotContainPattern("(?i)id\\s*=\\s*\"pin\"");
    }

    @Test
    void templatePostsCardAssertionAndPasswordToTheLoginAction() {
        String template = LoginThemeSources.read(LoginThemeSources.TEMPLATE);

        assertThat(template).contains("action=\"${url.loginAction}\" method=\"post\"");
        assertThat(template).contains("<input type=\"hidden\" id=\"cardAssertion\" name=\"cardAssertion\"");
        assertThat(template).containsPattern("@field.password name=\"password\"");
        assertThat(template).contains("autocomplete=\"current-password\"");
    }

    @Test
    void renderedSignInFormHasOnlyThePasswordAndTheAssertionAsFields() throws Exception {
        String page = render(LoginThemeSources.bundle("en"));

        assertThat(names(form(page, "staff-card-form"))).containsExactly("password", "cardAssertion");
        assertThat(page).contains("action=\"" + LOGIN_ACTION.replace("&", "&amp;") + "\" method=\"post\"");
        assertThat(page).contains("autocomplete=\"current-password\"");
    }

    @Test
    void cardOnlyPageHasOnlyTheAssertionAsField() throws Exception {
        String page = render(LoginThemeSources.bundle("en"), null, Map.of("cardPasswordField", false));

        assertThat(names(page)).containsExactly("cardAssertion");
        assertThat(page).doesNotContain("type=\"password\"");
        assertThat(page).containsPattern("<h1 id=\"kc-page-title\">\\s*Sign in with your staff card only\\s*</h1>");
        assertThat(page).containsPattern("<button id=\"staff-card-submit\"[^>]*>\\s*Sign in with card\\s*</button>");
    }

    @Test
    void cardOnlyPageGivesTheScriptItsOwnReadyText() throws Exception {
        Properties japanese = LoginThemeSources.bundle("ja");
        String page = render(japanese, null, Map.of("cardPasswordField", false));

        assertThat(attribute(page, "data-staff-card-state-ready"))
                .isEqualTo(japanese.getProperty("staffCardStateReadyCardOnly"))
                .doesNotContain("パスワード");
    }

    @Test
    void stepUpPageSaysWhyItAsksForCardAndPasswordAgain() throws Exception {
        String page = render(LoginThemeSources.bundle("en"), null, Map.of("cardStepUp", true));

        assertThat(page).containsPattern("id=\"staff-card-step-up\"[^>]*>[^<]*needs your card and your password");
        assertThat(names(page)).containsExactly("password", "cardAssertion");
    }

    @Test
    void firstSignInPageHasNoStepUpText() throws Exception {
        String page = render(LoginThemeSources.bundle("en"));

        assertThat(page).doesNotContain("staff-card-step-up");
    }

    @Test
    void renderedSignInFormHasOneSubmitButtonLabelledSignInWithCard() throws Exception {
        String signIn = form(render(LoginThemeSources.bundle("en")), "staff-card-form");

        assertThat(signIn.split("type=\"submit\"", -1)).hasSize(2);
        assertThat(signIn).containsPattern("<button id=\"staff-card-submit\"[^>]*>\\s*Sign in with card\\s*</button>");
    }

    @Test
    void renderedPageOffersEnrolmentInAFormOfItsOwnWithoutThePassword() throws Exception {
        String enrol = form(render(LoginThemeSources.bundle("ja")), "staff-card-enrol-link");

        assertThat(names(enrol)).containsExactly("staffcardEnrol");
        assertThat(enrol).contains("value=\"start\"").contains("初めてカードを使う方");
    }

    @Test
    void enrolmentAccountStepAsksForUsernamePasswordAndCode() throws Exception {
        String page = render("staff-card-enrol.ftl", LoginThemeSources.bundle("en"), null, "account");

        assertThat(names(page)).containsExactly("staffcardEnrol", "username", "password", "enrolmentCode");
        assertThat(page).contains("name=\"staffcardEnrol\" value=\"account\"")
                .contains("autocomplete=\"one-time-code\"").doesNotContain("data-challenge");
    }

    @Test
    void enrolmentCardStepHasNoPasswordAndGivesTheScriptTheChallengeAndItsOwnReadyText() throws Exception {
        Properties english = LoginThemeSources.bundle("en");
        String page = render("staff-card-enrol.ftl", english, null, "card");

        assertThat(names(page)).containsExactly("staffcardEnrol", "cardAssertion", "cardProfile");
        assertThat(page).contains("data-challenge=\"" + CHALLENGE + "\"").contains("js/staff-card-login.js");
        assertThat(attribute(page, "data-staff-card-state-ready"))
                .isEqualTo(english.getProperty("staffCardEnrolStateReady"));
        for (String key : LoginThemeSources.scriptMessageKeys()) {
            assertThat(page).as(key).contains(LoginThemeSources.dataAttributeFor(key) + "=");
        }
    }

    @Test
    void renderedPageGivesTheScriptTheChallengeAndThePorts() throws Exception {
        String page = render(LoginThemeSources.bundle("en"));

        assertThat(page).contains("data-challenge=\"" + CHALLENGE + "\"");
        assertThat(page).contains("data-agent-ports=\"47130,47131,47132\"");
    }

    @Test
    void renderedPageHasAPoliteStatusAreaAndANoscriptMessage() throws Exception {
        String page = render(LoginThemeSources.bundle("ja"));

        assertThat(page).containsPattern("id=\"staff-card-status\"[^>]*role=\"status\" aria-live=\"polite\"");
        assertThat(page).containsPattern("<noscript>\\s*<p class=\"staff-card-noscript\">[^<]*JavaScript");
        assertThat(page).contains("カードエージェントのウィンドウで入力してください");
    }

    @Test
    void renderedPageHandsEveryScriptMessageToTheScriptUnderItsKey() throws Exception {
        Properties english = LoginThemeSources.bundle("en");
        String page = render(english);

        for (String key : LoginThemeSources.scriptMessageKeys()) {
            String expected = new MessageFormat(english.getProperty(key), Locale.ENGLISH).format(new Object[0]);

            assertThat(attribute(page, LoginThemeSources.dataAttributeFor(key))).as(key).isEqualTo(expected);
        }
    }

    @Test
    void messageTextIsEscapedInsideAttributes() throws Exception {
        Properties hostile = LoginThemeSources.bundle("en");
        hostile.setProperty("staffCardNoReader", "\"><script>alert(1)</script>");

        String page = render(hostile);

        assertThat(page).doesNotContain("<script>alert(1)</script>");
        assertThat(page).contains("data-staff-card-no-reader=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    @Test
    void serverErrorIsShownInTheChosenLanguage() throws Exception {
        Properties japanese = LoginThemeSources.bundle("ja");
        String page = render(japanese, Map.of("type", "error", "summary", japanese.getProperty("cardUnknown")));

        assertThat(page).contains("このカードは登録されていません");
    }

    private static String render(Properties messages) throws IOException, TemplateException {
        return render(messages, null);
    }

    private static String render(Properties messages, Map<String, String> message)
            throws IOException, TemplateException {
        return render("staff-card-login.ftl", messages, message, Map.of());
    }

    private static String render(Properties messages, Map<String, String> message, Map<String, Object> attributes)
            throws IOException, TemplateException {
        return render("staff-card-login.ftl", messages, message, attributes);
    }

    private static String render(String template, Properties messages, Map<String, String> message,
                                 String enrolStep) throws IOException, TemplateException {
        return render(template, messages, message, Map.of("enrolStep", enrolStep));
    }

    private static String render(String template, Properties messages, Map<String, String> message,
                                 Map<String, Object> attributes) throws IOException, TemplateException {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_32);
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
            new FileTemplateLoader(LoginThemeSources.LOGIN_THEME.toFile()),
            new FileTemplateLoader(Path.of("src/test/resources/stub-templates").toFile())
        }));

        Map<String, Object> model = new HashMap<>();
        model.put("msg", (TemplateMethodModelEx) arguments -> new MessageFormat(
                messages.getProperty(arguments.get(0).toString(), arguments.get(0).toString()), Locale.ROOT)
                .format(arguments.subList(1, arguments.size()).toArray()));
        model.put("url", Map.of("loginAction", LOGIN_ACTION, "resourcesPath", "/resources/v1/login/staff-card",
                "loginRestartFlowUrl", "https://sso.example.lg.jp/realms/staff/login-actions/restart"));
        model.put("properties", Map.of());
        model.put("messagesPerField", new NoFieldErrors());
        model.put("cardChallenge", CHALLENGE);
        model.put("cardAgentPorts", "47130,47131,47132");
        if (message != null) {
            model.put("message", message);
        }
        model.putAll(attributes);

        StringWriter page = new StringWriter();
        configuration.getTemplate(template).process(model, page);
        return page.toString();
    }

    /** The text of the form with {@code id}, from its opening tag to its end. */
    private static String form(String page, String id) {
        int start = page.indexOf("<form id=\"" + id + "\"");
        assertThat(start).as("the page has form %s", id).isNotNegative();
        return page.substring(start, page.indexOf("</form>", start));
    }

    private static List<String> names(String page) {
        Matcher name = Pattern.compile("<input[^>]*\\sname=\"([^\"]*)\"").matcher(page);
        List<String> names = new java.util.ArrayList<>();
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    private static String attribute(String page, String attributeName) {
        Matcher value = Pattern.compile("\\s" + Pattern.quote(attributeName) + "=\"([^\"]*)\"").matcher(page);
        assertThat(value.find()).as("the page has %s", attributeName).isTrue();
        return value.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    /** What Keycloak's messagesPerField answers when the server reported no error on a field. */
    public static final class NoFieldErrors {

        public boolean existsError(String... fields) {
            return false;
        }

        public String get(String field) {
            return "";
        }
    }
}
