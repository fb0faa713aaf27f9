package dk.consenthub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.consenthub.support.HubIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The schedules fire from Quartz's JDBC job store: a fast cron here, so a run is recorded within seconds. */
@HubIntegrationTest
@TestPropertySource(properties = "hub.reconcile.incremental-cron=*/1 * * * * ?")
@DirtiesContext // the schedule keeps firing every second: close this hub when done
class ReconcileScheduleIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scheduler scheduler;

    @Autowired
    CamelContext camel;

    @Test
    void theIncrementalScheduleFiresAndRecordsARun() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql("""
                select count(*) from reconcile_run
                where trigger_source = 'schedule' and mode = 'incremental' and status = 'SUCCEEDED'
                """).query(Long.class).single() > 0);

        Map<String, Object> run = jdbc.sql("""
                select customers_seen, pages_read from reconcile_run
                where trigger_source = 'schedule' and status = 'SUCCEEDED' order by started_at limit 1
                """).query().singleRow();
        assertThat(((Number) run.get("customers_seen")).intValue()).isEqualTo(60);
    }

    @Test
    void camelUsesTheOneSpringSchedulerWithItsClusteredJdbcStore() throws Exception {
        assertThat(camel.getComponent("quartz", QuartzComponent.class).getScheduler()).isSameAs(scheduler);
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().getJobStoreClass()).isEqualTo(LocalDataSourceJobStore.class);
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
    }

    @Test
    void bothTriggersAreStoredWithFireOnceNowMisfiresInTheClinicsTimeZone() {
        List<Map<String, Object>> triggers = jdbc.sql("""
                select t.trigger_name, t.misfire_instr, c.cron_expression, c.time_zone_id
                from qrtz_triggers t join qrtz_cron_triggers c
                  on c.sched_name = t.sched_name and c.trigger_name = t.trigger_name and c.trigger_group = t.trigger_group
                where t.trigger_group = 'reconcile' order by t.trigger_name
                """).query().listOfRows();

        assertThat(triggers).extracting(t -> t.get("trigger_name")).containsExactly("full", "incremental");
        assertThat(triggers).allSatisfy(t -> {
            assertThat(((Number) t.get("misfire_instr")).intValue()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            assertThat(t.get("time_zone_id")).isEqualTo("Europe/Copenhagen");
        });
        assertThat(triggers.get(1).get("cron_expression")).isEqualTo("*/1 * * * * ?");
    }
}
