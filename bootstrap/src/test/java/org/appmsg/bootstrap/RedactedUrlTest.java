package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {

    @Test
    void the_logged_delete_url_keeps_its_shape_but_not_its_credentials() {
        assertThat(Config.redacted("http://weed:9333/delete?fid={fid}")).isEqualTo("http://weed:9333/delete?fid={fid}");
        assertThat(Config.redacted("https://ops:s3cret@files.example/del?fid={fid}&access_token=abc&apiKey=k1"))
                .isEqualTo("https://***@files.example/del?fid={fid}&access_token=***&apiKey=***");
    }

    @Test
    void jdbc_and_redis_urls_lose_their_passwords_in_either_parameter_style() {
        assertThat(Config.redacted("jdbc:mariadb://db:3306/appmsg?user=app&password=s3cret"))
                .isEqualTo("jdbc:mariadb://db:3306/appmsg?user=app&password=***");
        assertThat(Config.redacted("jdbc:h2:file:/data/appmsg;USER=sa;PASSWORD=s3cret"))
                .isEqualTo("jdbc:h2:file:/data/appmsg;USER=sa;PASSWORD=***");
        assertThat(Config.redacted("redis://default:s3cret@redis:6379")).isEqualTo("redis://***@redis:6379");
    }
}
