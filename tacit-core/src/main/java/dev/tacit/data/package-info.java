/**
 * Observations and seeded generators: entry samples for completion ({@link dev.tacit.data.EntrySample}),
 * linear measurements for sensing ({@link dev.tacit.data.LinearMeasurements}), and the ground-truth and
 * sampling recipes of Arora et al. 2019 ({@link dev.tacit.data.LowRankGenerator}, {@link dev.tacit.data.Seeds}).
 */
package dev.tacit.data;
