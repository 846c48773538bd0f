package org.staffcard.it;

import java.util.List;
import java.util.Locale;

/**
 * A staff CSV of any size with Japanese names, a few dozen departments (some nested) and unique staff numbers,
 * emails and card user IDs, the same for the same count.
 */
final class GeneratedStaff {

    static final String HEADER = "staffNumber,lastName,firstName,email,departments,cardUserId";

    private static final List<String> FAMILY = List.of("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村",
            "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上");
    private static final List<String> GIVEN = List.of("花子", "太郎", "一郎", "美咲", "健太", "陽菜", "翔", "結衣",
            "大輔", "さくら", "悠斗", "葵");
    private static final List<String> BUREAUS = List.of("総務部", "財務部", "企画部", "福祉部", "環境部", "土木部",
            "教育部", "警察本部");
    private static final List<String> SECTIONS = List.of("人事課", "管理課", "調整課", "情報政策課");

    private GeneratedStaff() {
    }

    static String csv(int count) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= count; i++) {
            csv.append(row(i)).append('\n');
        }
        return csv.toString();
    }

    static String staffNumber(int i) {
        return String.format(Locale.ROOT, "S-%06d", i);
    }

    static String cardUserId(int i) {
        return String.format(Locale.ROOT, "C%08d", i);
    }

    static String email(int i) {
        return String.format(Locale.ROOT, "staff%06d@example.lg.jp", i);
    }

    /** One or two departments, {@code 総務部/人事課} or {@code 総務部/人事課;情報政策課}. */
    static List<String> departments(int i) {
        String home = BUREAUS.get(i % BUREAUS.size()) + "/" + SECTIONS.get((i / BUREAUS.size()) % SECTIONS.size());
        return i % 5 == 0 ? List.of(home, "情報政策課") : List.of(home);
    }

    private static String row(int i) {
        return String.join(",", staffNumber(i), FAMILY.get(i % FAMILY.size()), GIVEN.get(i % GIVEN.size()),
                email(i), String.join(";", departments(i)), cardUserId(i));
    }

    static String lastName(int i) {
        return FAMILY.get(i % FAMILY.size());
    }

    static String firstName(int i) {
        return GIVEN.get(i % GIVEN.size());
    }
}
