/** Deep matrix factorization W = W_N···W_1 (Arora, Cohen, Hu, Luo, NeurIPS 2019). */
package dev.tacit.model.deep;
