package dev.tollgate.payments.domain.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which price sells which plan. Written inline ({@code pro=price_pro_monthly,pro_monthly;basic=price_basic})
 * or as a properties file ({@code plan.pro.prices}, {@code plan.pro.features}, {@code plan.pro.includes}).
 * Only prices in the catalog can be bought: anything else is refused at checkout.
 */
public final class PlanCatalog {

    private final Map<String, Plan> plansByName;

    private PlanCatalog(Map<String, Plan> plansByName) {
        this.plansByName = Map.copyOf(plansByName);
    }

    public static PlanCatalog empty() {
        return new PlanCatalog(Map.of());
    }

    public static PlanCatalog of(Collection<Plan> plans) {
        Map<String, Plan> byName = new LinkedHashMap<>();
        plans.forEach(plan -> byName.put(plan.name(), plan));
        PlanCatalog catalog = new PlanCatalog(byName);
        catalog.checkIncludesExist();
        return catalog;
    }

    /**
     * Parses the inline form, or reads a properties file when the value names an existing file.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and what is expected
     */
    public static PlanCatalog parse(String value) {
        if (value.startsWith("@")) {
            return fromPropertiesFile(Path.of(value.substring(1)));
        }
        if (!value.contains("=")) {
            return fromPropertiesFile(Path.of(value));
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not of the form plan=price[,price…]");
            }
            String name = entry.substring(0, eq).trim();
            plans.put(name, new Plan(name, commaSet(entry.substring(eq + 1)), Set.of(), Set.of()));
        }
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("no plans given");
        }
        return of(plans.values());
    }

    private static PlanCatalog fromPropertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read plan file " + file + ": " + unreadable.getMessage());
        }
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length != 3 || !"plan".equals(parts[0])
                    || !Set.of("prices", "features", "includes").contains(parts[2])) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + file
                        + ": expected plan.<name>.prices, plan.<name>.features or plan.<name>.includes");
            }
            names.add(parts[1]);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no plans in " + file);
        }
        return of(names.stream().map(name -> new Plan(name,
                commaSet(properties.getProperty("plan." + name + ".prices", "")),
                commaSet(properties.getProperty("plan." + name + ".features", "")),
                commaSet(properties.getProperty("plan." + name + ".includes", "")))).toList());
    }

    private static Set<String> commaSet(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void checkIncludesExist() {
        for (Plan plan : plansByName.values()) {
            for (String included : plan.includes()) {
                if (!plansByName.containsKey(included)) {
                    throw new IllegalArgumentException("plan '" + plan.name() + "' includes unknown plan '"
                            + included + "'");
                }
            }
        }
    }

    public boolean isEmpty() {
        return plansByName.isEmpty();
    }

    public Set<String> planNames() {
        return plansByName.keySet();
    }

    /** The plan a price id or lookup key sells, if it is in the catalog. */
    public Optional<Plan> planSoldBy(String priceIdOrLookupKey) {
        return plansByName.values().stream().filter(plan -> plan.isSoldBy(priceIdOrLookupKey)).findFirst();
    }

    public Optional<Plan> plan(String name) {
        return Optional.ofNullable(plansByName.get(name));
    }

    /** The plan itself and every plan it includes, directly or through another. */
    public Set<String> coveredPlans(Plan plan) {
        Set<String> covered = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(Set.of(plan.name()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (covered.add(name)) {
                pending.addAll(plansByName.get(name).includes());
            }
        }
        return covered;
    }

    /** Every feature of the plan and of the plans it includes. */
    public Set<String> features(Plan plan) {
        return coveredPlans(plan).stream().flatMap(name -> plansByName.get(name).features().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
