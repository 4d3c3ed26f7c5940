package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store is shared by every request thread: parallel requests neither lose writes nor double-apply. */
class ConcurrencyTest extends EmulatorTest {
    private static final int THREADS = 16;

    private ExecutorService pool;

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Runs every task at once (released together) and returns their results. */
    private <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    @Test
    void parallelRequestsWithOneIdempotencyKeyCreateOneCustomer() throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            tasks.add(() -> stripe.v1().customers().create(
                    CustomerCreateParams.builder().setEmail("same@example.com").build(),
                    RequestOptions.builder().setIdempotencyKey("customer:same").build()).getId());
        }
        Set<String> ids = Set.copyOf(together(tasks));

        assertEquals(1, ids.size());
        assertEquals(1, stripe.v1().customers().list().getData().size());
        assertEquals(List.of("customer.created"), emulator.eventTypes());
    }

    @Test
    void parallelCreatesAreAllKeptWithTheirEvents() throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS * 4; i++) {
            String email = "user" + i + "@example.com";
            tasks.add(() -> stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email).build())
                    .getId());
        }
        Set<String> ids = Set.copyOf(together(tasks));

        assertEquals(THREADS * 4, ids.size());
        List<Customer> listed = new ArrayList<>();
        stripe.v1().customers().list().autoPagingIterable().forEach(listed::add);
        assertEquals(ids, listed.stream().map(Customer::getId).collect(Collectors.toSet()));
        assertEquals(THREADS * 4, emulator.eventTypes().size());
    }

    @Test
    void parallelPaymentsOfOneSessionCompleteItOnce() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customer.getId())
                .setSuccessUrl("http://app.test/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_pro_monthly").setQuantity(1L)
                        .build())
                .build());
        Browser browser = new Browser();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> {
                HttpResponse<String> response = browser.submit(session.getUrl(),
                        Map.of("card_number", "4242424242424242"));
                return response.statusCode();
            });
        }
        List<Integer> statuses = together(tasks);

        assertEquals(1, statuses.stream().filter(status -> status == 303).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        assertEquals(1, emulator.eventTypes().stream().filter("customer.subscription.created"::equals).count());
    }
}
