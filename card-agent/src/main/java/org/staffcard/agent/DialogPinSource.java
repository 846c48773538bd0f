package org.staffcard.agent;

import javax.swing.BoxLayout;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import java.awt.Color;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Asks for the PIN in the agent's own window, on top of the browser, naming the origin that asks and warning about
 * a look-alike address. With one try left a second window asks the user to confirm before the PIN goes to the card.
 * Both windows close by themselves after the configured time, so a request never waits for a user who walked away.
 * The web page never sees the PIN.
 */
public final class DialogPinSource implements PinSource, CardChooser {

    private static final Logger LOG = Logger.getLogger(DialogPinSource.class.getName());

    private final Duration timeout;

    public DialogPinSource(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public char[] requestPin(PinRequest request) throws PinCancelledException {
        PinPrompt prompt = new PinPrompt(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<char[]> typed = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> typed.set(askPin(prompt, deadline)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinCancelledException("the PIN window was interrupted", e);
        } catch (InvocationTargetException e) {
            throw new PinCancelledException("the PIN window could not be shown", e.getCause());
        }

        char[] pin = typed.get();
        if (pin == null || pin.length == 0) {
            throw new PinCancelledException("the PIN window was closed without a PIN, or timed out after "
                    + timeout.toSeconds() + " s");
        }
        if (!prompt.maySend(confirmLastTry(prompt, deadline))) {
            Arrays.fill(pin, '\0');
            LOG.info("PIN not sent: the user did not confirm the last try for origin " + request.origin());
            throw new PinCancelledException("the user did not confirm using the last PIN try");
        }
        return pin;
    }

    /** A window listing the cards by reader and card user ID; closing it or the time running out cancels. */
    @Override
    public int chooseCard(String origin, List<String> labels) throws PinCancelledException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<Integer> chosen = new AtomicReference<>(-1);
        try {
            SwingUtilities.invokeAndWait(() -> chosen.set(askCard(origin, labels, deadline)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinCancelledException("the card window was interrupted", e);
        } catch (InvocationTargetException e) {
            throw new PinCancelledException("the card window could not be shown", e.getCause());
        }
        if (chosen.get() < 0) {
            throw new PinCancelledException("no card was chosen, or the window timed out after "
                    + timeout.toSeconds() + " s");
        }
        return chosen.get();
    }

    private static int askCard(String origin, List<String> labels, long deadline) {
        // Numbered, so a reader name that starts like markup is shown as text, never rendered.
        String[] rows = new String[labels.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i + 1) + ". " + labels.get(i);
        }
        JList<String> list = new JList<>(rows);
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setSelectedIndex(0);
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.add(new JLabel("Sign-in requested by: " + origin));
        panel.add(new JLabel("Several cards are on the readers. Which one do you sign in with?"));
        panel.add(list);

        JOptionPane pane = new JOptionPane(panel, JOptionPane.QUESTION_MESSAGE, JOptionPane.OK_CANCEL_OPTION);
        showUntil(pane.createDialog(PinPrompt.TITLE + ": choose the card"), deadline);
        Object choice = pane.getValue();
        if (!(choice instanceof Integer option) || option != JOptionPane.OK_OPTION) {
            return -1;
        }
        return list.getSelectedIndex();
    }

    private static boolean confirmLastTry(PinPrompt prompt, long deadline) throws PinCancelledException {
        if (!prompt.needsLastTryConfirmation()) {
            return true;
        }
        AtomicReference<Boolean> confirmed = new AtomicReference<>(false);
        try {
            SwingUtilities.invokeAndWait(() -> confirmed.set(askLastTry(prompt, deadline)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinCancelledException("the confirmation window was interrupted", e);
        } catch (InvocationTargetException e) {
            throw new PinCancelledException("the confirmation window could not be shown", e.getCause());
        }
        return confirmed.get();
    }

    private static char[] askPin(PinPrompt prompt, long deadline) {
        JPasswordField field = new JPasswordField(8);
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.add(new JLabel(prompt.originLine()));
        for (String warning : prompt.originWarnings()) {
            panel.add(warningLabel(warning));
        }
        panel.add(new JLabel(prompt.cardLine()));
        panel.add(new JLabel(" "));
        JLabel tries = new JLabel(prompt.triesLine());
        if (prompt.needsLastTryConfirmation()) {
            tries = warningLabel(prompt.triesLine());
        }
        panel.add(tries);
        panel.add(new JLabel("Card PIN (4 digits):"));
        panel.add(field);

        JOptionPane pane = new JOptionPane(panel, JOptionPane.QUESTION_MESSAGE, JOptionPane.OK_CANCEL_OPTION);
        JDialog dialog = pane.createDialog(PinPrompt.TITLE);
        dialog.addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                field.requestFocusInWindow();
            }
        });
        showUntil(dialog, deadline);

        Object choice = pane.getValue();
        char[] pin = field.getPassword();
        field.setText("");
        if (!(choice instanceof Integer option) || option != JOptionPane.OK_OPTION) {
            Arrays.fill(pin, '\0');
            return null;
        }
        return pin;
    }

    private static boolean askLastTry(PinPrompt prompt, long deadline) {
        Object[] options = {"Send the PIN", "Cancel"};
        JOptionPane pane = new JOptionPane(warningLabel(prompt.lastTryQuestion()), JOptionPane.WARNING_MESSAGE,
                JOptionPane.YES_NO_OPTION, null, options, options[1]);
        showUntil(pane.createDialog(PinPrompt.TITLE + ": last try"), deadline);
        return options[0].equals(pane.getValue());
    }

    /** Shows a modal dialog and closes it at the deadline; a closed dialog counts as cancelled. */
    private static void showUntil(JDialog dialog, long deadline) {
        long millis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        Timer closer = new Timer((int) Math.min(Integer.MAX_VALUE, millis), e -> dialog.setVisible(false));
        closer.setRepeats(false);
        closer.start();
        dialog.setAlwaysOnTop(true);
        dialog.setVisible(true);
        closer.stop();
        dialog.dispose();
    }

    private static JLabel warningLabel(String text) {
        JLabel label = new JLabel("<html><body style='width:320px'>" + escape(text) + "</body></html>");
        label.setForeground(Color.RED.darker());
        return label;
    }

    /** The text names a web address an admin configured; it is shown, never interpreted as markup. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
