// What this machine's cores give each other: FMA throughput on each core alone and on all at once (are two vCPUs
// two cores, or SMT siblings?), and the read bandwidth of a buffer written by the reading core against one written
// by another core, by size (what a parallel loop pays when it reads rows the other thread produced). A diagnostic
// for benchmark runs on virtual machines, whose topology the guest cannot see; see README.md.
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

// ---- FMA throughput: 10 independent 8-wide chains, enough to cover the FMA latency on two pipes ----

static volatile float fma_sink;

__attribute__((target("avx2,fma"))) static double fma_gflops(long iterations) {
    volatile float scale = 0.9999999f, shift = 1e-7f;  // volatile: not folded into constants at compile time
    __m256 m = _mm256_set1_ps(scale), b = _mm256_set1_ps(shift), acc[10];
    for (int i = 0; i < 10; i++) acc[i] = _mm256_set1_ps(1.0f + (float)i * 1e-7f);
    double start = now();
    for (long i = 0; i < iterations; i++) {
        for (int j = 0; j < 10; j++) acc[j] = _mm256_fmadd_ps(acc[j], m, b);
        // an empty asm that claims to change the accumulators keeps the loop from being optimised away
        __asm__ volatile("" : "+x"(acc[0]), "+x"(acc[1]), "+x"(acc[2]), "+x"(acc[3]), "+x"(acc[4]), "+x"(acc[5]),
                         "+x"(acc[6]), "+x"(acc[7]), "+x"(acc[8]), "+x"(acc[9]));
    }
    double seconds = now() - start;
    float sum = 0;
    for (int i = 0; i < 10; i++) sum += acc[i][0];
    fma_sink = sum;
    return 2.0 * 8 * 10 * (double)iterations / seconds * 1e-9;
}

struct fma_job { int cpu; double gflops; };

static void *fma_thread(void *argument) {
    struct fma_job *job = argument;
    pin(job->cpu);
    job->gflops = fma_gflops(100000000);
    return NULL;
}

/// Each of the two CPUs alone, one after the other, then both at once.
static void fma_report(const int cpus[2]) {
    struct fma_job jobs[2];
    pthread_t threads[2];
    for (int i = 0; i < 2; i++) {
        jobs[i] = (struct fma_job){ cpus[i], 0 };
        pthread_create(&threads[i], NULL, fma_thread, &jobs[i]);
        pthread_join(threads[i], NULL);
        printf("fma cpu%d alone: %.1f GFLOP/s\n", cpus[i], jobs[i].gflops);
    }
    for (int i = 0; i < 2; i++) pthread_create(&threads[i], NULL, fma_thread, &jobs[i]);
    for (int i = 0; i < 2; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i < 2; i++) printf("fma cpu%d with the other running: %.1f GFLOP/s\n", cpus[i], jobs[i].gflops);
}

// ---- read bandwidth: the reader on cpus[1]; the buffer written by cpus[0] (the other core) or by itself ----

static float *buffer;
static long floats;
static atomic_int turn;  // odd: the writer's turn, even: the reader's
static volatile float read_sink;

static void write_buffer(int round) {
    for (long i = 0; i < floats; i++) buffer[i] = (float)(round + i % 7);
}

// 32 partial sums (four 8-wide vectors): with fewer, the loop is bound by the add's latency, not by the loads
static double read_seconds(void) {
    float sums[32] = { 0 };
    double start = now();
    for (long i = 0; i + 32 <= floats; i += 32)
        for (int j = 0; j < 32; j++) sums[j] += buffer[i + j];
    double seconds = now() - start;
    read_sink = sums[0] + sums[31];
    return seconds;
}

enum { ROUNDS = 25 };

static void *writer_thread(void *argument) {
    pin(*(int *)argument);
    for (int round = 0; round < ROUNDS; round++) {
        while (atomic_load(&turn) != 2 * round + 1) {}
        write_buffer(round);
        atomic_store(&turn, 2 * round + 2);
    }
    return NULL;
}

static void bandwidth_report(const int *cpus, long bytes) {
    floats = bytes / 4;
    buffer = aligned_alloc(64, (size_t)bytes);
    atomic_store(&turn, 0);
    pthread_t writer;
    pthread_create(&writer, NULL, writer_thread, (void *)&cpus[0]);
    pin(cpus[1]);
    double other = 1e9, own = 1e9;  // best of ROUNDS each
    for (int round = 0; round < ROUNDS; round++) {
        atomic_store(&turn, 2 * round + 1);
        while (atomic_load(&turn) != 2 * round + 2) {}
        double seconds = read_seconds();
        if (seconds < other) other = seconds;
        write_buffer(round);
        seconds = read_seconds();
        if (seconds < own) own = seconds;
    }
    pthread_join(writer, NULL);
    printf("read %6ld KB on cpu%d: written by cpu%d %.1f GB/s, by itself %.1f GB/s\n", bytes / 1024, cpus[1],
           cpus[0], (double)bytes / other * 1e-9, (double)bytes / own * 1e-9);
    free(buffer);
}

int main(void) {
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
        fprintf(stderr, "host: this CPU has no AVX2 with FMA\n");
        return 2;
    }
    cpu_set_t allowed;
    sched_getaffinity(0, sizeof allowed, &allowed);
    int cpus[2], count = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && count < 2; cpu++)
        if (CPU_ISSET(cpu, &allowed)) cpus[count++] = cpu;
    if (count < 2) {
        fprintf(stderr, "host: only one CPU is allowed to this process; nothing to compare\n");
        return 2;
    }
    fma_report(cpus);
    for (long kb = 256; kb <= 65536; kb *= 4) bandwidth_report(cpus, kb * 1024);
    return 0;
}
