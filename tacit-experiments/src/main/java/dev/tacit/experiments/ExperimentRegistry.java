package dev.tacit.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every reproducible experiment by id. */
public final class ExperimentRegistry {

    private static final Map<String, Experiment> ALL = new LinkedHashMap<>();

    static {
        register(new Arora2019Completion());
        register(new Arora2019Sensing());
        register(new Arora2019Dynamics());
        register(new Qi2025TimeBudget());
        register(new Razin2020Norms());
        register(new Du2018Balance());
        register(new Kamber2025Sharpness());
        register(new Jiang2023EarlyStop());
        register(new Hou2025Completion());
        register(new Hou2025Network());
    }

    private ExperimentRegistry() {
    }

    private static void register(Experiment e) {
        ALL.put(e.id(), e);
    }

    /** @return all experiments in registration order */
    public static List<Experiment> all() {
        return List.copyOf(ALL.values());
    }

    /** @param id experiment id @return the experiment if known */
    public static Optional<Experiment> find(String id) {
        return Optional.ofNullable(ALL.get(id));
    }
}
