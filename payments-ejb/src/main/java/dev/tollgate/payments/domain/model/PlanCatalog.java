package dev.tollgate.payments.domain.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What can be bought: plans (subscriptions), with the free trial each may start with, plans bought once (sold by a
 * one-time price, for life or for a term), and credit packs (one-time purchases), the credits each plan includes
 * per billing period (or per day, week, month or year of it) in credits or an app's own unit, and the Stripe prices
 * that sell them. Written inline ({@code pro=price_pro_monthly,pro_monthly; basic=price_basic; trial:pro=14;
 * trial:basic=7,without_card; allowance:pro=500/period; allowance:pro:reports=20/month; lifetime=price_lifetime;
 * duration:lifetime=forever; includes:lifetime=pro; credits:100=price_c100}) or as a properties file ({@code plan.pro.prices},
 * {@code plan.pro.features}, {@code plan.pro.includes}, {@code plan.pro.trial_days},
 * {@code plan.pro.trial_without_card}, {@code plan.pro.allowance.<unit>}, {@code plan.lifetime.duration},
 * {@code credits.small.prices}, {@code credits.small.amount}). Only prices in the catalog can be bought.
 */
public final class PlanCatalog {

    private static final String CREDITS_PREFIX = "credits:";
    private static final String TRIAL_PREFIX = "trial:";
    private static final String ALLOWANCE_PREFIX = "allowance:";
    private static final String DURATION_PREFIX = "duration:";
    private static final String INCLUDES_PREFIX = "includes:";
    private static final String WITHOUT_CARD = "without_card";

    private final Map<String, Plan> plansByName;
    private final List<CreditPack> creditPacks;
    private final Map<String, Trial> trialsByPlan;
    private final Map<String, List<Allowance>> allowancesByPlan;
    private final Map<String, AccessTerm> termsByPlan;
    /** Asked on every recompute of an entitlement (the webhook path): worked out once. */
    private final boolean windowsInsidePeriods;

    private PlanCatalog(Map<String, Plan> plansByName, List<CreditPack> creditPacks, Map<String, Trial> trialsByPlan,
                        Map<String, List<Allowance>> allowancesByPlan, Map<String, AccessTerm> termsByPlan) {
        // in the catalog's order, which a pricing page shows
        this.plansByName = Collections.unmodifiableMap(new LinkedHashMap<>(plansByName));
        this.creditPacks = List.copyOf(creditPacks);
        this.trialsByPlan = Map.copyOf(trialsByPlan);
        Map<String, List<Allowance>> allowances = new LinkedHashMap<>();
        allowancesByPlan.forEach((plan, ofPlan) -> allowances.put(plan, List.copyOf(ofPlan)));
        this.allowancesByPlan = Map.copyOf(allowances);
        this.termsByPlan = Map.copyOf(termsByPlan);
        this.windowsInsidePeriods = this.allowancesByPlan.values().stream().flatMap(List::stream)
                .anyMatch(allowance -> !allowance.followsBillingPeriod());
    }

    public static PlanCatalog empty() {
        return new PlanCatalog(Map.of(), List.of(), Map.of(), Map.of(), Map.of());
    }

    public static PlanCatalog of(Collection<Plan> plans) {
        return of(plans, List.of());
    }

    public static PlanCatalog of(Collection<Plan> plans, Collection<CreditPack> packs) {
        return of(plans, packs, Map.of());
    }

    /** @param trials the trial each plan so named starts with; a plan not named has none */
    public static PlanCatalog of(Collection<Plan> plans, Collection<CreditPack> packs, Map<String, Trial> trials) {
        return of(plans, packs, trials, Map.of());
    }

    /** @param allowances what each plan so named includes per window, one per unit; a plan not named has none */
    public static PlanCatalog of(Collection<Plan> plans, Collection<CreditPack> packs, Map<String, Trial> trials,
                                 Map<String, List<Allowance>> allowances) {
        return of(plans, packs, trials, allowances, Map.of());
    }

    /** @param terms the term of each plan so named, which is then bought once; a plan not named is subscribed to */
    public static PlanCatalog of(Collection<Plan> plans, Collection<CreditPack> packs, Map<String, Trial> trials,
                                 Map<String, List<Allowance>> allowances, Map<String, AccessTerm> terms) {
        Map<String, Plan> byName = new LinkedHashMap<>();
        plans.forEach(plan -> byName.put(plan.name(), plan));
        PlanCatalog catalog = new PlanCatalog(byName, List.copyOf(packs), trials, allowances, terms);
        catalog.checkIncludesExist();
        catalog.checkNamedPlansExist(catalog.trialsByPlan.keySet(), "a trial");
        catalog.checkNamedPlansExist(catalog.allowancesByPlan.keySet(), "an allowance");
        catalog.checkNamedPlansExist(catalog.termsByPlan.keySet(), "a duration");
        catalog.checkBoughtOncePlansRenewNothing();
        return catalog;
    }

    /**
     * Parses the inline form, or reads a properties file when the value is a path ({@code @path} or no {@code =}).
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
        List<CreditPack> packs = new ArrayList<>();
        Map<String, Trial> trials = new LinkedHashMap<>();
        Map<String, List<Allowance>> allowances = new LinkedHashMap<>();
        Map<String, AccessTerm> terms = new LinkedHashMap<>();
        Map<String, Set<String>> includes = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not of the form plan=price[,price…], "
                        + "trial:<plan>=<days>[,without_card],"
                        + " allowance:<plan>[:<unit>]=<amount>/<period|day|week|month|year>,"
                        + " duration:<plan>=forever|<ISO-8601 duration>, includes:<plan>=<plan>[,plan…]"
                        + " or credits:<amount>=price[,price…]");
            }
            String name = entry.substring(0, eq).trim();
            Set<String> prices = commaSet(entry.substring(eq + 1));
            if (name.startsWith(TRIAL_PREFIX)) {
                trials.put(name.substring(TRIAL_PREFIX.length()), inlineTrial(name, prices));
            } else if (name.startsWith(ALLOWANCE_PREFIX)) {
                String[] planAndUnit = name.substring(ALLOWANCE_PREFIX.length()).split(":", 2);
                String unit = planAndUnit.length == 2 ? planAndUnit[1].trim() : Allowance.CREDITS;
                addAllowance(allowances, planAndUnit[0].trim(), Allowance.parse(unit, entry.substring(eq + 1), name),
                        name);
            } else if (name.startsWith(DURATION_PREFIX)) {
                terms.put(name.substring(DURATION_PREFIX.length()), AccessTerm.parse(entry.substring(eq + 1), name));
            } else if (name.startsWith(INCLUDES_PREFIX)) {
                includes.put(name.substring(INCLUDES_PREFIX.length()), prices);
            } else if (name.startsWith(CREDITS_PREFIX)) {
                packs.add(new CreditPack(name, prices, positiveLong(name.substring(CREDITS_PREFIX.length()), name)));
            } else {
                plans.put(name, new Plan(name, prices, Set.of(), Set.of()));
            }
        }
        for (Map.Entry<String, Set<String>> including : includes.entrySet()) {
            Plan plan = plans.get(including.getKey());
            if (plan == null) {
                throw new IllegalArgumentException("'" + INCLUDES_PREFIX + including.getKey()
                        + "' names no plan of the catalog");
            }
            plans.put(plan.name(), new Plan(plan.name(), plan.prices(), plan.features(), including.getValue()));
        }
        if (plans.isEmpty() && packs.isEmpty()) {
            throw new IllegalArgumentException("no plans given");
        }
        return of(plans.values(), packs, trials, allowances, terms);
    }

    /** {@code trial:pro=14} or {@code trial:pro=14,without_card}. */
    private static Trial inlineTrial(String name, Set<String> value) {
        List<String> parts = List.copyOf(value);
        boolean withoutCard = parts.size() == 2 && WITHOUT_CARD.equals(parts.get(1));
        if (parts.isEmpty() || parts.size() > 2 || (parts.size() == 2 && !withoutCard)) {
            throw new IllegalArgumentException("'" + name + "' needs <days> or <days>," + WITHOUT_CARD + ", got '"
                    + String.join(",", parts) + "'");
        }
        return trial(parts.get(0), withoutCard, name);
    }

    private static Trial trial(String days, boolean withoutCard, String what) {
        try {
            return new Trial(Integer.parseInt(days.trim()), !withoutCard);
        } catch (IllegalArgumentException notDays) {
            throw new IllegalArgumentException("'" + what + "' needs a whole number of days from 1 to "
                    + Trial.MAX_DAYS + ", got '" + days + "'");
        }
    }

    private static PlanCatalog fromPropertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read plan file " + file + ": " + unreadable.getMessage());
        }
        Set<String> planNames = new TreeSet<>();
        Set<String> packNames = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && "plan".equals(parts[0])
                    && Set.of("prices", "features", "includes", "trial_days", "trial_without_card", "duration")
                    .contains(parts[2])) {
                planNames.add(parts[1]);
            } else if (parts.length == 3 && "credits".equals(parts[0]) && Set.of("prices", "amount").contains(parts[2])) {
                packNames.add(parts[1]);
            } else if (parts.length == 4 && "plan".equals(parts[0]) && "allowance".equals(parts[2])) {
                if (!Allowance.isUnitName(parts[3])) {
                    throw new IllegalArgumentException("'" + key + "' in " + file + ": a plan's allowance is given"
                            + " in a unit named in lower case (a-z, 0-9, _; a letter first; at most 40), e.g. plan."
                            + parts[1] + ".allowance." + Allowance.CREDITS + "=500/period or plan." + parts[1]
                            + ".allowance.reports=20/month, not in '" + parts[3] + "'");
                }
                planNames.add(parts[1]);
            } else {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + file + ": expected "
                        + "plan.<name>.prices|features|includes|trial_days|trial_without_card|duration|allowance.<unit>"
                        + " or "
                        + "credits.<name>.prices|amount");
            }
        }
        if (planNames.isEmpty() && packNames.isEmpty()) {
            throw new IllegalArgumentException("no plans in " + file);
        }
        List<Plan> plans = planNames.stream().map(name -> new Plan(name,
                commaSet(properties.getProperty("plan." + name + ".prices", "")),
                commaSet(properties.getProperty("plan." + name + ".features", "")),
                commaSet(properties.getProperty("plan." + name + ".includes", "")))).toList();
        List<CreditPack> packs = packNames.stream().map(name -> new CreditPack(name,
                commaSet(properties.getProperty("credits." + name + ".prices", "")),
                positiveLong(properties.getProperty("credits." + name + ".amount", ""), "credits." + name + ".amount")))
                .toList();
        Map<String, Trial> trials = new LinkedHashMap<>();
        Map<String, List<Allowance>> allowances = new LinkedHashMap<>();
        Map<String, AccessTerm> terms = new LinkedHashMap<>();
        for (String name : planNames) {
            String durationKey = "plan." + name + ".duration";
            Optional.ofNullable(properties.getProperty(durationKey))
                    .ifPresent(duration -> terms.put(name, AccessTerm.parse(duration, durationKey)));
            String allowancePrefix = "plan." + name + ".allowance.";
            for (String allowanceKey : new TreeSet<>(properties.stringPropertyNames())) {
                if (allowanceKey.startsWith(allowancePrefix)) {
                    String unit = allowanceKey.substring(allowancePrefix.length());
                    addAllowance(allowances, name,
                            Allowance.parse(unit, properties.getProperty(allowanceKey), allowanceKey), allowanceKey);
                }
            }
            String days = properties.getProperty("plan." + name + ".trial_days");
            String withoutCard = properties.getProperty("plan." + name + ".trial_without_card", "false").trim();
            if (!Set.of("true", "false").contains(withoutCard)) {
                throw new IllegalArgumentException("'plan." + name + ".trial_without_card' must be true or false, got '"
                        + withoutCard + "'");
            }
            if (days != null) {
                trials.put(name, trial(days, Boolean.parseBoolean(withoutCard), "plan." + name + ".trial_days"));
            }
        }
        return of(plans, packs, trials, allowances, terms);
    }

    /** One allowance per unit and plan: two would leave it unclear which window a spend's unit belongs to. */
    private static void addAllowance(Map<String, List<Allowance>> allowances, String planName, Allowance allowance,
                                     String what) {
        List<Allowance> ofPlan = allowances.computeIfAbsent(planName, name -> new ArrayList<>());
        if (ofPlan.stream().anyMatch(given -> given.unit().equals(allowance.unit()))) {
            throw new IllegalArgumentException("'" + what + "': plan '" + planName + "' has an allowance of "
                    + allowance.unit() + " already; give one per unit");
        }
        ofPlan.add(allowance);
    }

    private static long positiveLong(String value, String what) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("'" + what + "' needs a positive whole number of credits, got '" + value + "'");
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

    private void checkNamedPlansExist(Set<String> planNamesGiven, String what) {
        for (String planName : planNamesGiven) {
            if (!plansByName.containsKey(planName)) {
                throw new IllegalArgumentException(what + " is given for unknown plan '" + planName + "'");
            }
        }
    }

    /**
     * A plan bought once renews nothing: no trial before a first charge, no allowance per billing period. Said at
     * start rather than ignored, since either would promise what no subscription is there to keep.
     */
    private void checkBoughtOncePlansRenewNothing() {
        for (String planName : termsByPlan.keySet()) {
            if (trialsByPlan.containsKey(planName) || allowancesByPlan.containsKey(planName)) {
                throw new IllegalArgumentException("plan '" + planName + "' is bought once (a duration is given), so"
                        + " it can have no trial and no allowance per period");
            }
        }
    }

    /** How long the plan grants access when bought once; empty for a plan that is subscribed to. */
    public Optional<AccessTerm> termOf(Plan plan) {
        return Optional.ofNullable(termsByPlan.get(plan.name()));
    }

    /** The free trial the plan starts with, if the catalog gives it one. */
    public Optional<Trial> trialOf(Plan plan) {
        return Optional.ofNullable(trialsByPlan.get(plan.name()));
    }

    /** What the plan includes per window, one allowance per unit; empty when the catalog gives it none. */
    public List<Allowance> allowancesOf(Plan plan) {
        return allowancesByPlan.getOrDefault(plan.name(), List.of());
    }

    /** Whether some plan has an allowance on a window of its own (not the billing period): only then is one scheduled. */
    public boolean hasWindowsInsidePeriods() {
        return windowsInsidePeriods;
    }

    public boolean isEmpty() {
        return plansByName.isEmpty() && creditPacks.isEmpty();
    }

    /**
     * Whether anything here is bought once (a credit pack, a plan with a duration): what a paid Checkout carries and
     * no subscription does.
     */
    public boolean sellsOneTimePurchases() {
        return !creditPacks.isEmpty() || !termsByPlan.isEmpty();
    }

    /** Every plan, in the catalog's order. */
    public Collection<Plan> plans() {
        return plansByName.values();
    }

    /** Every credit pack, in the catalog's order. */
    public List<CreditPack> creditPacks() {
        return creditPacks;
    }

    public Set<String> planNames() {
        return plansByName.keySet();
    }

    /** Whether the price (id or lookup key) sells anything here. */
    public boolean sells(String priceIdOrLookupKey) {
        return planSoldBy(priceIdOrLookupKey).isPresent() || packSoldBy(priceIdOrLookupKey).isPresent();
    }

    /** The plan a price id or lookup key sells, if it is in the catalog. */
    public Optional<Plan> planSoldBy(String priceIdOrLookupKey) {
        return plansByName.values().stream().filter(plan -> plan.isSoldBy(priceIdOrLookupKey)).findFirst();
    }

    /** The credit pack a price id or lookup key sells, if it is in the catalog. */
    public Optional<CreditPack> packSoldBy(String priceIdOrLookupKey) {
        return creditPacks.stream().filter(pack -> pack.isSoldBy(priceIdOrLookupKey)).findFirst();
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
