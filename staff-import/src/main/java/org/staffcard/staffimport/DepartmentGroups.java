package org.staffcard.staffimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes sure every department named in the rows exists as a group, parents first, before any account that names
 * it is written: Keycloak's import refuses a whole batch when one account names a group that is not there.
 */
final class DepartmentGroups {

    private final AdminApi api;
    private final Map<List<String>, String> known = new HashMap<>();
    private final List<String> created = new ArrayList<>();

    DepartmentGroups(AdminApi api) {
        this.api = api;
    }

    /** The departments of {@code rows}, each path once, in the order first named. */
    static Set<List<String>> named(List<StaffRow> rows) {
        Set<List<String>> paths = new LinkedHashSet<>();
        rows.forEach(row -> paths.addAll(row.departments()));
        return paths;
    }

    /** Those of {@code paths} (and their parents) that the realm does not have yet. */
    List<List<String>> missing(Set<List<String>> paths) throws AdminApiException {
        List<List<String>> missing = new ArrayList<>();
        for (List<String> path : withParents(paths)) {
            if (idOf(path).isEmpty()) {
                missing.add(path);
            }
        }
        return missing;
    }

    /** Creates whatever of {@code paths} is missing; answers the paths created, as {@code /a/b}. */
    List<String> ensure(Set<List<String>> paths) throws AdminApiException {
        for (List<String> path : withParents(paths)) {
            if (idOf(path).isPresent()) {
                continue;
            }
            String parentId = path.size() == 1 ? null : idOf(path.subList(0, path.size() - 1)).orElseThrow();
            known.put(path, api.createGroup(parentId, path.get(path.size() - 1)));
            created.add("/" + String.join("/", path));
        }
        return List.copyOf(created);
    }

    private Optional<String> idOf(List<String> path) throws AdminApiException {
        if (!known.containsKey(path)) {
            Optional<String> id = api.groupAt(path);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            known.put(List.copyOf(path), id.get());
        }
        return Optional.of(known.get(path));
    }

    private static Set<List<String>> withParents(Set<List<String>> paths) {
        Set<List<String>> all = new LinkedHashSet<>();
        for (List<String> path : paths) {
            for (int depth = 1; depth <= path.size(); depth++) {
                all.add(List.copyOf(path.subList(0, depth)));
            }
        }
        return all;
    }
}
