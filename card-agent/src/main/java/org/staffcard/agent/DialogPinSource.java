package org.staffcard.agent;

import javax.swing.BoxLayout;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import java.awt.Color;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks for the PIN in the agent's own window, on top of the browser, naming the origin that asks. The web page never
 * sees the PIN.
 */
public final class DialogPinSource implements PinSource {

    @Override
    public char[] requestPin(PinRequest request) throws PinCancelledException {
        AtomicReference<char[]> typed = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> typed.set(showDialog(request)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinCancelledException("the PIN window was interrupted", e);
        } catch (InvocationTargetException e) {
            throw new PinCancelledException("the PIN window could not be shown", e.getCause());
        }

        char[] pin = typed.get();
        if (pin == null || pin.length == 0) {
            throw new PinCancelledException("the PIN window was closed without a PIN");
        }
        return pin;
    }

    private static char[] showDialog(PinRequest request) {
        JPasswordField field = new JPasswordField(8);
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.add(new JLabel("Sign-in requested by: " + request.origin()));
        panel.add(new JLabel("Card: " + request.cardUserId()));
        panel.add(new JLabel(" "));
        if (request.isLastTry()) {
            JLabel warning = new JLabel("Only ONE try left: a wrong PIN blocks your card.");
            warning.setForeground(Color.RED.darker());
            panel.add(warning);
        } else {
            panel.add(new JLabel("Tries left: " + request.triesLeft()));
        }
        panel.add(new JLabel("Card PIN (4 digits):"));
        panel.add(field);

        JOptionPane pane = new JOptionPane(panel, JOptionPane.QUESTION_MESSAGE, JOptionPane.OK_CANCEL_OPTION);
        JDialog dialog = pane.createDialog("Staff card PIN");
        dialog.setAlwaysOnTop(true);
        dialog.addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                field.requestFocusInWindow();
            }
        });
        dialog.setVisible(true);
        dialog.dispose();

        Object choice = pane.getValue();
        char[] pin = field.getPassword();
        field.setText("");
        if (!(choice instanceof Integer option) || option != JOptionPane.OK_OPTION) {
            Arrays.fill(pin, '\0');
            return null;
        }
        return pin;
    }
}
