package dev.tacit.model.udv;

/**
 * Gauge-covariant step multipliers for projected gradient descent on {@link Udu} and {@link Udv}.
 *
 * <p><b>The symmetry.</b> {@code U·diag(d)·Uᵀ} is unchanged by the gauge map {@code (U, d) ↦ (c·U, d/c²)}, and
 * {@code U·diag(d)·Vᵀ} by {@code (U, d, V) ↦ (c·U, d/c², c·V)}; the map sends the ball of radius α₀ onto the ball
 * of radius c·α₀ and keeps d ≥ 0. Gradients transform as {@code ∂ℓ/∂U ↦ (∂ℓ/∂U)/c} and {@code ∂ℓ/∂d ↦ c²·∂ℓ/∂d},
 * so plain projected GD with one step η for every factor is <em>not</em> covariant: at radius α its stable step
 * scales like (α₀/α)⁴ along d (Hou, Sra, Yurtsever 2025 leave the radius and the update open).
 *
 * <p><b>The steps.</b> With c = α/α₀, the steps {@code η_U = c²·η}, {@code η_d = η/c⁴} (and {@code η_V = c²·η})
 * make one projected step at radius α from (cU, d/c²) the exact image of one projected step at radius α₀ from
 * (U, d). A run at radius α from init (U₀, d₀) therefore equals, up to the gauge map, the run at α₀ from
 * (U₀/c, c²·d₀): the radius then acts only through the effective initialization. At α = α₀ the multipliers are 1.
 */
public final class GaugeSteps {

    private GaugeSteps() {
    }

    /**
     * @param radius α &gt; 0 and finite
     * @param reference α₀ &gt; 0 and finite, where the multipliers are 1
     * @return the multipliers of the factors of {@link Udu} in order: {@code [c², c⁻⁴]}, c = α/α₀
     */
    public static double[] udu(double radius, double reference) {
        double c = ratio(radius, reference);
        return new double[] {c * c, 1.0 / (c * c * c * c)};
    }

    /**
     * @param radius α &gt; 0 and finite (of both balls)
     * @param reference α₀ &gt; 0 and finite, where the multipliers are 1
     * @return the multipliers of the factors of {@link Udv} in order: {@code [c², c⁻⁴, c²]}, c = α/α₀
     */
    public static double[] udv(double radius, double reference) {
        double c = ratio(radius, reference);
        return new double[] {c * c, 1.0 / (c * c * c * c), c * c};
    }

    private static double ratio(double radius, double reference) {
        if (!(radius > 0) || !Double.isFinite(radius) || !(reference > 0) || !Double.isFinite(reference)) {
            throw new IllegalArgumentException("radius and reference radius must be positive and finite, got "
                    + radius + " and " + reference);
        }
        return radius / reference;
    }
}
