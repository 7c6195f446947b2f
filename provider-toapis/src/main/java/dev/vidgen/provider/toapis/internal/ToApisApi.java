package dev.vidgen.provider.toapis.internal;

import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Headers;
import retrofit2.http.Multipart;
import retrofit2.http.POST;
import retrofit2.http.Part;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Tag;

/**
 * The ToAPIs endpoints vidgen uses; paths are relative to the configured base URL. Each call
 * carries the headers {@link ApiHeaders} makes sure of, set here once per request (the {@code
 * authorization} argument is {@link ApiHeaders#authorization}).
 */
public interface ToApisApi {

  /** Creates a video task; the body is built by {@link CreateBody} so that previews match. */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @POST("v1/videos/generations")
  Call<TaskDto> createVideo(
      @Body RequestBody body, @Header("Authorization") String authorization, @Tag CallTrace trace);

  /** Reads a task by its id or by the {@code client_business_id} sent with its create. */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @GET("v1/videos/generations/{id}")
  Call<TaskDto> videoTask(
      @Path("id") String idOrClientReference, @Header("Authorization") String authorization, @Tag CallTrace trace);

  /** Uploads an image (multipart field {@code file}); the answer holds the URL to use. */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @Multipart
  @POST("v1/uploads/images")
  Call<UploadDto> uploadImage(@Part MultipartBody.Part file, @Part("purpose") RequestBody purpose,
      @Header("Authorization") String authorization, @Tag CallTrace trace);

  /** The balance of the calling token. */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @GET("v1/balance")
  Call<BalanceDto> balance(@Header("Authorization") String authorization, @Tag CallTrace trace);

  /** The models this key may use; {@code type} is always sent ({@code video}), since the default lists text models. */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @GET("v1/models")
  Call<ModelListDto> models(
      @Query("type") String type, @Header("Authorization") String authorization, @Tag CallTrace trace);

  /** The balance of the account the calling token belongs to. */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @GET("v1/user/balance")
  Call<BalanceDto> userBalance(@Header("Authorization") String authorization, @Tag CallTrace trace);

  /** Uploads a video (multipart field {@code file}: MP4, MOV or WebM, at most 50 MB). */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @Multipart
  @POST("v1/uploads/videos")
  Call<UploadDto> uploadVideo(@Part MultipartBody.Part file, @Part("purpose") RequestBody purpose,
      @Header("Authorization") String authorization, @Tag CallTrace trace);

  /** Extends or remixes ({@code action}) the video of task {@code id}. */
  @Headers({"Accept: " + ApiHeaders.ACCEPT, "User-Agent: " + ApiHeaders.USER_AGENT})
  @POST("v1/videos/{id}/{action}")
  Call<TaskDto> followOn(@Path("id") String id, @Path("action") String action, @Body RequestBody body,
      @Header("Authorization") String authorization, @Tag CallTrace trace);
}
