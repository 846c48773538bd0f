/*
 * Card + password sign-in, and card-only sign-in (the same page without the password field). Finds the card agent
 * on this PC, shows what state the reader and card are in, and on submit asks the agent to sign the server's
 * challenge; the agent asks for the PIN in its own window, so this page never sees it. The agent's answer is posted
 * unchanged in the hidden cardAssertion field, with the password when the page has one.
 *
 * Every text shown comes from a data-* attribute of #staff-card-login (see staff-card-login.ftl) and is put on
 * the page with textContent; nothing the agent sends is ever treated as HTML.
 *
 * The enrolment page (staff-card-enrol.ftl) uses this script too: it has no password field, and a hidden
 * cardProfile field that receives the card type the agent reports, so the server can record it with the card.
 */

// What the user should do for each error code the agent answers (docs/protocol.md, "From the agent"). The status
// states other than READY use the same names, so this table serves both.
const AGENT_ERROR_MESSAGE_KEYS = {
    ORIGIN_NOT_ALLOWED: "staffCardAgentOriginNotAllowed",
    HOST_NOT_ALLOWED: "staffCardAgentHostNotAllowed",
    BAD_REQUEST: "staffCardAgentBadRequest",
    REQUEST_TOO_LARGE: "staffCardAgentRequestTooLarge",
    RATE_LIMITED: "staffCardAgentRateLimited",
    BUSY: "staffCardAgentBusy",
    READER_SERVICE_UNAVAILABLE: "staffCardReaderServiceUnavailable",
    PCSC_LIBRARY_NOT_FOUND: "staffCardPcscLibraryNotFound",
    NO_READER: "staffCardNoReader",
    NO_CARD: "staffCardNoCard",
    MULTIPLE_CARDS: "staffCardMultipleCards",
    CARD_UNSUPPORTED: "staffCardCardUnsupported",
    CARD_REMOVED: "staffCardCardRemoved",
    PIN_WRONG: "staffCardPinWrong",
    PIN_BLOCKED: "staffCardPinBlocked",
    PIN_CANCELLED: "staffCardPinCancelled",
    CARD_ERROR: "staffCardCardError",
};

const AGENT_NAME = "staff-card-agent";
const PROTOCOL_VERSION = 1;
const DEFAULT_PORTS = [47130, 47131, 47132];
const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

// The agent pushes card events (docs/protocol.md, GET /v1/events) so the page reacts within a second; these are
// the events it sends, each carrying the new reader state. Browsers without EventSource, and agents without the
// endpoint or with all streams taken, are polled as before.
const CARD_EVENTS = ["status", "card-inserted", "card-removed", "reader-changed"];

// A running agent answers its status within milliseconds; a port that takes longer is treated as not answering.
// While Chrome shows its Local Network Access prompt the request waits, so the first probes may time out; polling
// goes on and finds the agent once the user allows it. This has not been tried in a real Chrome yet.
const PROBE_TIMEOUT_MS = 1500;
const POLL_INTERVAL_MS = 2000;
// The server's challenge lives 180 s; checking long after that only keeps a forgotten tab busy.
const POLL_GIVE_UP_MS = 5 * 60 * 1000;
// The user reads the agent's PIN window and types the PIN, so the signature may take a while.
const SIGN_TIMEOUT_MS = 120 * 1000;

const root = document.getElementById("staff-card-login");
const form = document.getElementById("staff-card-form");
const statusArea = document.getElementById("staff-card-status");
const alertArea = document.getElementById("staff-card-alert");
const alertText = document.getElementById("staff-card-alert-text");
// Absent on the card-only page.
const passwordInput = document.getElementById("password");
const assertionInput = document.getElementById("cardAssertion");
const submitButton = document.getElementById("staff-card-submit");
const profileInput = document.getElementById("cardProfile");

const challenge = root.dataset.challenge || "";
const ports = parsePorts(root.dataset.agentPorts);

let agentPort = null;
// The card type the agent last reported ("JPKI" or "PIV"); only the enrolment page posts it.
let agentProfile = null;
let signing = false;
let pollRound = 0;
let pollTimer = null;
let events = null;
// Set when a stream could not even be opened (an older agent, or all its streams in use): poll for this page's life.
let eventsRefused = false;

function message(key, ...args) {
    const text = root.dataset[key];
    if (text === undefined) {
        return key;
    }
    return text.replace(/\{(\d+)\}/g, (placeholder, index) => (index < args.length ? args[index] : placeholder));
}

function parsePorts(list) {
    const parsed = (list || "")
        .split(",")
        .map((part) => part.trim())
        .filter((part) => /^\d{1,5}$/.test(part))
        .map(Number)
        .filter((port) => port > 0 && port < 65536);
    return parsed.length > 0 ? parsed : DEFAULT_PORTS;
}

function agentUrl(port, path) {
    return `http://127.0.0.1:${port}${path}`;
}

function parseJson(text) {
    try {
        const value = JSON.parse(text);
        return value !== null && typeof value === "object" ? value : null;
    } catch {
        return null;
    }
}

function showStatus(text, state) {
    statusArea.textContent = text;
    statusArea.dataset.state = state;
}

function showAlert(text) {
    alertText.textContent = text;
    alertArea.hidden = false;
}

function clearAlert() {
    alertText.textContent = "";
    alertArea.hidden = true;
}

function setBusy(busy) {
    submitButton.disabled = busy;
    form.setAttribute("aria-busy", String(busy));
    // Read-only rather than disabled: a disabled field would be left out of the posted form.
    if (passwordInput) {
        passwordInput.readOnly = busy;
    }
}

// Sends one request to the agent and reads the whole answer, all within timeoutMs.
async function requestAgent(url, init, timeoutMs) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
        const response = await fetch(url, {
            ...init,
            mode: "cors",
            credentials: "omit",
            cache: "no-store",
            signal: controller.signal,
        });
        const text = await response.text();
        return { outcome: "answered", status: response.status, text };
    } catch {
        return { outcome: controller.signal.aborted ? "timeout" : "network" };
    } finally {
        clearTimeout(timer);
    }
}

// When the agent refuses our origin it sends no Access-Control-Allow-Origin, so the browser reports the same
// failure as for a closed port. A no-cors request still completes when something answers on the port, which tells
// "running but refusing this site" apart from "not running". It cannot reach the card: the agent refuses a request
// without an allowed origin before anything else. Another program listening on the agent's port looks the same, so
// that case is also reported as "this site is not allowed"; the page cannot tell the two apart.
async function somethingAnswers(url) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
    try {
        await fetch(url, { mode: "no-cors", credentials: "omit", cache: "no-store", signal: controller.signal });
        return true;
    } catch {
        return false;
    } finally {
        clearTimeout(timer);
    }
}

async function probePort(port) {
    const url = agentUrl(port, "/v1/status");
    const answer = await requestAgent(url, { method: "GET" }, PROBE_TIMEOUT_MS);

    if (answer.outcome === "network") {
        return (await somethingAnswers(url)) ? { kind: "refused", port } : { kind: "unreachable", port };
    }
    if (answer.outcome === "timeout") {
        return { kind: "unreachable", port };
    }

    const body = parseJson(answer.text);
    if (answer.status === 200 && body && body.agent === AGENT_NAME) {
        return { kind: "agent", port, status: body };
    }
    if (body && typeof body.error === "string") {
        return { kind: "agentError", port, body };
    }
    return { kind: "foreign", port };
}

// Chrome's Local Network Access permission makes a blocked request fail exactly like a closed port; its state is
// the only way to tell the two apart. The permission's name changed between Chrome versions, so both are asked.
async function localNetworkPermission() {
    if (!navigator.permissions) {
        return "unknown";
    }
    for (const name of ["loopback-network", "local-network-access"]) {
        try {
            return (await navigator.permissions.query({ name })).state;
        } catch {
            // This browser does not know the name; try the next one.
        }
    }
    return "unknown";
}

function agentErrorText(body) {
    const key = AGENT_ERROR_MESSAGE_KEYS[body.error];
    if (!key) {
        return message("staffCardAgentUnknownAnswer");
    }
    if (body.error === "PIN_WRONG") {
        return Number.isInteger(body.triesLeft) && body.triesLeft >= 0
            ? message(key, String(body.triesLeft))
            : message("staffCardPinWrongNoCount");
    }
    return message(key);
}

async function unreachableText() {
    return (await localNetworkPermission()) === "denied"
        ? message("staffCardLocalNetworkBlocked")
        : message("staffCardAgentNotReachable");
}

// Probes every port at once and shows the most useful finding. Returns the port of a usable agent, or null.
async function checkAgent() {
    const results = await Promise.all(ports.map(probePort));
    const found = results.find((result) => result.kind === "agent")
        || results.find((result) => result.kind === "agentError")
        || results.find((result) => result.kind === "refused")
        || results.find((result) => result.kind === "foreign");

    if (!found) {
        showStatus(await unreachableText(), "problem");
        return { port: null, ready: false };
    }
    if (found.kind === "agentError") {
        showStatus(agentErrorText(found.body), "problem");
        return { port: null, ready: false };
    }
    if (found.kind === "refused") {
        showStatus(message("staffCardAgentOriginNotAllowed"), "problem");
        return { port: null, ready: false };
    }
    if (found.kind === "foreign") {
        showStatus(message("staffCardAgentUnknownAnswer"), "problem");
        return { port: null, ready: false };
    }

    const status = found.status;
    agentProfile = typeof status.profile === "string" ? status.profile : null;
    if (status.protocol !== PROTOCOL_VERSION) {
        showStatus(message("staffCardAgentVersionMismatch"), "problem");
        return { port: null, ready: false };
    }
    return { port: found.port, ready: showReaderState(status.state) };
}

// Shows the agent's reader state; answers whether a signature could start now.
function showReaderState(state) {
    if (state === "READY") {
        showStatus(message("staffCardStateReady"), "ready");
        return true;
    }
    const key = AGENT_ERROR_MESSAGE_KEYS[state] || "staffCardAgentUnknownAnswer";
    showStatus(message(key), "problem");
    return false;
}

function closeEvents() {
    if (events !== null) {
        events.close();
        events = null;
    }
}

// Listens to the agent's card events instead of polling. When the stream fails (the agent stopped, or the stream
// reached its maximum life) the page probes again and reopens it; one that never opened leaves polling in charge.
function openEvents(port) {
    if (typeof EventSource !== "function" || eventsRefused || events !== null) {
        return;
    }
    const source = new EventSource(agentUrl(port, "/v1/events"));
    let opened = false;
    events = source;

    source.onopen = () => {
        opened = true;
        stopPolling();
    };
    const onEvent = (event) => {
        const body = parseJson(event.data);
        if (signing || !body || typeof body.state !== "string") {
            return;
        }
        agentPort = port;
        agentProfile = typeof body.profile === "string" ? body.profile : agentProfile;
        showReaderState(body.state);
    };
    CARD_EVENTS.forEach((name) => source.addEventListener(name, onEvent));
    source.onerror = () => {
        if (events !== source) {
            return;
        }
        closeEvents();
        if (!opened) {
            eventsRefused = true;
        }
        if (!signing) {
            startPolling();
        }
    };
}

function stopPolling() {
    pollRound += 1;
    clearTimeout(pollTimer);
    pollTimer = null;
}

function startPolling() {
    stopPolling();
    const round = pollRound;
    const startedAt = Date.now();

    const poll = async () => {
        const result = await checkAgent();
        if (round !== pollRound) {
            return;
        }
        agentPort = result.port;
        if (result.port !== null) {
            openEvents(result.port);
        }
        if (result.ready || events !== null) {
            return;
        }
        if (Date.now() - startedAt > POLL_GIVE_UP_MS) {
            showStatus(`${statusArea.textContent} ${message("staffCardStatusStopped")}`, "problem");
            return;
        }
        pollTimer = setTimeout(poll, POLL_INTERVAL_MS);
    };
    poll();
}

function signFailureText(answer) {
    if (answer.outcome === "timeout") {
        return message("staffCardSignTimeout");
    }
    const body = parseJson(answer.text);
    return body && typeof body.error === "string" ? agentErrorText(body) : message("staffCardAgentUnknownAnswer");
}

async function signIn() {
    let port = agentPort;
    if (port === null) {
        port = (await checkAgent()).port;
        if (port === null) {
            showAlert(statusArea.textContent);
            return false;
        }
    }

    showStatus(message("staffCardSigning"), "waiting");
    const answer = await requestAgent(agentUrl(port, "/v1/sign"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ challenge }),
    }, SIGN_TIMEOUT_MS);

    if (answer.outcome === "answered" && answer.status === 200) {
        assertionInput.value = answer.text;
        if (profileInput && agentProfile) {
            profileInput.value = agentProfile.toLowerCase();
        }
        form.submit();
        return true;
    }
    if (answer.outcome === "network") {
        agentPort = null;
        showAlert(await unreachableText());
        return false;
    }
    showAlert(signFailureText(answer));
    return false;
}

async function onSubmit(event) {
    event.preventDefault();
    if (signing) {
        return;
    }
    clearAlert();

    if (!CHALLENGE_PATTERN.test(challenge)) {
        showAlert(message("staffCardChallengeMissing"));
        return;
    }
    if (passwordInput && passwordInput.value === "") {
        showAlert(message("staffCardPasswordRequired"));
        passwordInput.focus();
        return;
    }

    signing = true;
    stopPolling();
    closeEvents();
    setBusy(true);
    let submitted = false;
    try {
        submitted = await signIn();
    } finally {
        if (!submitted) {
            signing = false;
            setBusy(false);
            startPolling();
        }
    }
}

form.addEventListener("submit", onSubmit);
startPolling();
