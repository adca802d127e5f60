package org.charter.core.preference;

/** Dense symmetric positive-definite matrices: the inverse by Cholesky factorisation (for standard errors). */
final class SymmetricMatrices {
    /*
     * [1] G. H. Golub, C. F. Van Loan, "Matrix Computations", 4th ed., Johns Hopkins 2013, section 4.2 (Cholesky).
     */
    private SymmetricMatrices() { }

    /** The inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) d -= l[j][k] * l[j][k];
            if (!(d > 0)) return null;
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                l[i][j] = s / l[j][j];
            }
        }
        // inverse of L (lower triangular), then A^-1 = L^-T L^-1
        double[][] li = new double[n][n];
        for (int j = 0; j < n; j++) {
            li[j][j] = 1 / l[j][j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                for (int k = j; k < i; k++) s -= l[i][k] * li[k][j];
                li[i][j] = s / l[i][i];
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < n; k++) s += li[k][i] * li[k][j];
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        return inv;
    }
}
